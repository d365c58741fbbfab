"""What the demo back office is made of: its year, accounts, channels and their budgets and
funnels, campaigns, vendor countries, names and words (data, and the records built from it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SEED = 2026
YEAR = 2026
AS_OF = dt.date(2026, 11, 23)  # the demo is viewed on this day
LAST_INVOICE = dt.date(2026, 11, 20)
LAST_WEEK = AS_OF - dt.timedelta(days=7)  # results are reported for complete weeks
CREATED = dt.datetime(2026, 1, 1)
ACCOUNTS = {"Northwind Retail": ("NWR", 95.0), "Aurora Foods": ("AUF", 1850.0),
            "Lumen Travel": ("LUT", 1150.0)}  # code, revenue per customer
SEASON = (0.75, 0.8, 1.05, 1.15, 1.1, 0.9, 0.7, 0.5, 0.95, 1.1, 1.3, 1.25)  # spring, Q4
EVENT_SEASON = (0.9, 1.1, 0.8, 0.9, 1.3, 1.0, 0.3, 0.2, 1.1, 1.5, 1.1, 0.6)
FLAT = (1.0,) * 12
LEVELS = ("manager", "finance", "executive")
APPROVERS = {"manager": ("Giulia Ferri", "Mikko Laine", "Chen Wei"),
             "finance": ("Sara Conti", "Anna Virtanen"), "executive": ("Marco Rinaldi",)}

@dataclass(frozen=True)
class Channel:
    code: str
    budget: int
    actual: float
    forecast: float
    roas: float
    digital: bool
    platforms: dict
    funnel: tuple
    season: tuple
    lines: list


@dataclass(frozen=True)
class Campaign:
    name: str
    account: str
    channels: dict  # channel -> its platforms
    months: range


@dataclass
class Vendor:
    name: str
    category: str
    country: str
    city: str
    vat: float
    currency: str
    terms: int  # days to pay
    style: str  # INV: INV-2026-00123, NUM: 000123
    counter: int
    contact: str
    email: str
    phone: str
    website: str
    rating: int
    archived: bool = True
    blocked: bool = False
    month_end: bool = False  # invoices on the last days of the month
    quotes: int = 0


# Per channel: annual budget (EUR), actual / budget, forecast / budget from April, ROAS,
# platforms {name: (weight, code)}, funnel (CTR, click->lead, lead->opportunity,
# opportunity->customer) and budget lines (category, platform: True = every platform of the
# channel | one name | None, share, vendor category, budget period M/Q/Y).
CHANNELS = {
    "Paid Search": Channel(
        code="SEA", budget=1_150_000, actual=0.97, forecast=1.02, roas=4.2, digital=True,
        platforms={"Google Ads": (0.8, "GADS"), "Microsoft Advertising": (0.2, "MSAD")},
        funnel=(0.045, 0.08, 0.35, 0.30), season=SEASON,
        lines=[("Media", True, 0.86, "media", "M"), ("Agency fees", None, 0.14, "agency", "Q")]),
    "Paid Social": Channel(
        code="SOC", budget=950_000, actual=1.22, forecast=1.20, roas=1.6, digital=True,
        platforms={"Meta Ads": (0.55, "META"), "LinkedIn Ads": (0.3, "LKIN"),
                   "TikTok Ads": (0.15, "TTOK")},
        funnel=(0.012, 0.05, 0.25, 0.25), season=SEASON,
        lines=[("Media", True, 0.72, "media", "M"), ("Agency fees", None, 0.12, "agency", "Q"),
               ("Production", None, 0.16, "production", "M")]),
    "Display": Channel(
        code="DIS", budget=600_000, actual=0.94, forecast=0.95, roas=0.7, digital=True,
        platforms={"Google Display & Video 360": (0.6, "DV360"), "The Trade Desk": (0.4, "TTD")},
        funnel=(0.0025, 0.03, 0.2, 0.2), season=SEASON,
        lines=[("Media", True, 0.8, "media", "M"), ("Agency fees", None, 0.1, "agency", "Q"),
               ("Production", None, 0.1, "production", "M")]),
    "Events": Channel(
        code="EVT", budget=900_000, actual=1.2, forecast=1.18, roas=1.3, digital=False,
        platforms={"Eventbrite": (0.4, "EVB"), "Venues": (0.6, "VEN")},
        funnel=(0.15, 0.45, 0.4, 0.3), season=EVENT_SEASON,
        lines=[("Events & venues", "Venues", 0.55, "venue", "M"),
               ("Staffing", None, 0.15, "staffing", "M"),
               ("Production", None, 0.12, "production", "M"), ("Print", None, 0.08, "print", "Q"),
               ("Photography", None, 0.05, "photographer", "M"),
               ("Software", "Eventbrite", 0.05, "software", "Y")]),
    "Content": Channel(
        code="CNT", budget=450_000, actual=1.0, forecast=1.0, roas=2.1, digital=False,
        platforms={"Website": (0.6, "WEB"), "YouTube": (0.4, "YT")},
        funnel=(0.02, 0.04, 0.25, 0.25), season=SEASON,
        lines=[("Production", None, 0.5, "production", "M"),
               ("Agency fees", None, 0.25, "agency", "Q"),
               ("Photography", None, 0.1, "photographer", "M"),
               ("Software", "Website", 0.15, "software", "Y")]),
    "Email": Channel(
        code="EML", budget=300_000, actual=0.72, forecast=0.75, roas=6.5, digital=True,
        platforms={"HubSpot": (0.7, "HUB"), "Mailchimp": (0.3, "MCH")},
        funnel=(0.03, 0.10, 0.30, 0.35), season=SEASON,
        lines=[("Software", True, 0.6, "software", "Y"), ("Agency fees", None, 0.25, "agency", "Q"),
               ("Production", None, 0.15, "production", "M")]),
    "PR": Channel(
        code="PR", budget=350_000, actual=0.75, forecast=0.78, roas=0.6, digital=False,
        platforms={"Cision": (0.6, "CIS"), "Meltwater": (0.4, "MW")},
        funnel=(0.005, 0.04, 0.2, 0.2), season=FLAT,
        lines=[("Agency fees", None, 0.6, "agency", "M"), ("Software", True, 0.15, "software", "Y"),
               ("Events & venues", None, 0.1, "venue", "M"), ("Print", None, 0.15, "print", "Q")]),
    "Influencer": Channel(
        code="INF", budget=400_000, actual=1.03, forecast=1.05, roas=0.9, digital=True,
        platforms={"Instagram": (0.5, "IG"), "TikTok": (0.3, "TT"), "YouTube": (0.2, "YT")},
        funnel=(0.01, 0.04, 0.25, 0.2), season=SEASON,
        lines=[("Influencer fees", True, 0.75, "influencer", "M"),
               ("Agency fees", None, 0.15, "agency", "Q"),
               ("Production", None, 0.1, "production", "M")]),
}
CATEGORY_CODES = {"Media": "MED", "Agency fees": "AGY", "Production": "PRD", "Print": "PRT",
                  "Events & venues": "VEN", "Staffing": "STF", "Photography": "PHO",
                  "Software": "SW", "Influencer fees": "INF"}
INVOICE_SIZE = {"Media": 7000, "Agency fees": 1800, "Production": 800, "Events & venues": 900,
                "Staffing": 300, "Print": 200, "Photography": 250, "Software": 450,
                "Influencer fees": 500}  # typical invoice, EUR
DESCRIPTIONS = {
    "Media": ("{platform} media {month}", "{platform} advertising {month}"),
    "Agency fees": ("Campaign management fee {month}", "Agency retainer {month}",
                    "Creative concept and strategy"),
    "Production": ("Video production", "Photo shoot and retouching", "Banners and creative assets",
                   "Post-production and edits"),
    "Events & venues": ("Venue hire", "Stand build and fitting", "Catering", "AV and technicians"),
    "Staffing": ("Hostess and stand staff", "Event crew", "Promoters"),
    "Print": ("Brochures and flyers", "Roll-ups and banners", "Printed catalogues"),
    "Photography": ("Event photography", "Product photography", "Photo reportage"),
    "Software": ("{platform} subscription {month}", "Licence and support {month}"),
    "Influencer fees": ("Sponsored {platform} posts", "{platform} creator collaboration",
                        "Product seeding and content rights"),
}
# (name, account, channels, first month, last month); a whole-year campaign uses every platform
CAMPAIGNS = [
    ("Always-on Search 2026", "Northwind Retail", ("Paid Search",), 1, 12),
    ("Winter Clearance 2026", "Northwind Retail", ("Paid Search", "Display"), 1, 2),
    ("Spring Sale 2026", "Northwind Retail", ("Paid Social", "Paid Search"), 3, 4),
    ("Easter Offers 2026", "Northwind Retail", ("Email",), 3, 4),
    ("Mother's Day 2026", "Northwind Retail", ("Paid Social", "Influencer"), 4, 5),
    ("Summer Collection 2026", "Northwind Retail", ("Paid Social", "Influencer"), 5, 7),
    ("Back to School 2026", "Northwind Retail", ("Display", "Paid Search"), 8, 9),
    ("Black Friday 2026", "Northwind Retail", ("Paid Social", "Paid Search"), 11, 11),
    ("Christmas Gifts 2026", "Northwind Retail", ("Display", "Email"), 11, 12),
    ("Northwind Loyalty Club", "Northwind Retail", ("Email",), 1, 12),
    ("Store Opening Milan 2026", "Northwind Retail", ("Events", "PR"), 5, 6),
    ("Northwind Style Journal", "Northwind Retail", ("Content",), 2, 11),
    ("Creator Program 2026", "Northwind Retail", ("Influencer",), 1, 12),
    ("Northwind Pop-up Tour 2026", "Northwind Retail", ("Events",), 9, 12),
    ("Aurora Brand Awareness 2026", "Aurora Foods", ("Display", "Paid Social"), 1, 12),
    ("Healthy January 2026", "Aurora Foods", ("Paid Social", "Content"), 1, 2),
    ("Plant-Based Launch", "Aurora Foods", ("Paid Social", "PR"), 3, 5),
    ("Cibus Parma 2026", "Aurora Foods", ("Events",), 4, 5),
    ("Taste of Helsinki 2026", "Aurora Foods", ("Events",), 6, 6),
    ("Summer BBQ 2026", "Aurora Foods", ("Paid Social", "Influencer"), 6, 7),
    ("Aurora Recipes Hub", "Aurora Foods", ("Content",), 1, 12),
    ("Foodservice Roadshow 2026", "Aurora Foods", ("Events",), 9, 10),
    ("Autumn Harvest 2026", "Aurora Foods", ("Display", "Content"), 9, 10),
    ("SIAL Paris 2026", "Aurora Foods", ("Events", "PR"), 10, 10),
    ("Aurora Trade Newsletter", "Aurora Foods", ("Email",), 1, 12),
    ("Holiday Hampers 2026", "Aurora Foods", ("Paid Search", "Email"), 11, 12),
    ("Aurora Press Office 2026", "Aurora Foods", ("PR",), 1, 12),
    ("Lumen Search Always-on 2026", "Lumen Travel", ("Paid Search",), 1, 12),
    ("Matka Helsinki 2026", "Lumen Travel", ("Events", "PR"), 1, 1),
    ("Early Booking Summer 2026", "Lumen Travel", ("Paid Search", "Paid Social"), 1, 3),
    ("BIT Milano 2026", "Lumen Travel", ("Events", "PR"), 2, 2),
    ("Cruise Week 2026", "Lumen Travel", ("Paid Social", "Email"), 2, 3),
    ("Lumen City Breaks 2026", "Lumen Travel", ("Display", "Paid Social"), 3, 5),
    ("Lumen Partner Events 2026", "Lumen Travel", ("Events",), 3, 12),
    ("Lumen Travel Stories", "Lumen Travel", ("Influencer", "Content"), 4, 9),
    ("Summer Last Minute 2026", "Lumen Travel", ("Paid Search", "Email"), 6, 8),
    ("Autumn Getaways 2026", "Lumen Travel", ("Paid Social", "Influencer"), 9, 10),
    ("TTG Rimini 2026", "Lumen Travel", ("Events",), 10, 10),
    ("Lapland Winter 2026", "Lumen Travel", ("Paid Social", "Display"), 10, 12),
    ("Christmas Markets Tours 2026", "Lumen Travel", ("Paid Search", "Display"), 11, 12),
    ("Lumen Newsletter 2026", "Lumen Travel", ("Email",), 1, 12),
    ("Lumen Travel Journal", "Lumen Travel", ("Content", "PR"), 1, 12),
]
# country: (share of the archive, cities, VAT rate, currency, phone prefix, web domain)
COUNTRIES = {
    "Italy": (0.45, ("Milano", "Roma", "Torino", "Bologna", "Firenze", "Verona", "Parma",
                     "Rimini", "Napoli"), 0.22, "EUR", "+39", "it"),
    "Finland": (0.2, ("Helsinki", "Espoo", "Tampere", "Turku", "Oulu"), 0.24, "EUR", "+358", "fi"),
    "China": (0.1, ("Shanghai", "Shenzhen", "Hangzhou", "Guangzhou", "Beijing"), 0.0, "CNY",
              "+86", "cn"),
    "United Kingdom": (0.12, ("London", "Manchester", "Bristol", "Edinburgh"), 0.0, "EUR", "+44",
                       "co.uk"),
    "United States": (0.13, ("New York", "Chicago", "Austin", "Los Angeles"), 0.0, "USD", "+1",
                      "com"),
    "Ireland": (0.0, ("Dublin",), 0.0, "EUR", "+353", "ie"),
    "Netherlands": (0.0, ("Amsterdam",), 0.0, "EUR", "+31", "nl"),
}
PLATFORM_VENDORS = {  # platform: (vendor, category, country, city)
    "Google Ads": ("Google Ireland Ltd", "media", "Ireland", "Dublin"),
    "Google Display & Video 360": ("Google Ireland Ltd", "media", "Ireland", "Dublin"),
    "Microsoft Advertising": ("Microsoft Ireland Operations Ltd", "media", "Ireland", "Dublin"),
    "Meta Ads": ("Meta Platforms Ireland Ltd", "media", "Ireland", "Dublin"),
    "LinkedIn Ads": ("LinkedIn Ireland Unlimited Company", "media", "Ireland", "Dublin"),
    "TikTok Ads": ("TikTok Technology Limited", "media", "Ireland", "Dublin"),
    "The Trade Desk": ("The Trade Desk Inc.", "media", "United States", "Ventura"),
    "HubSpot": ("HubSpot Ireland Ltd", "software", "Ireland", "Dublin"),
    "Mailchimp": ("Intuit Mailchimp", "software", "United States", "Atlanta"),
    "Eventbrite": ("Eventbrite NL B.V.", "software", "Netherlands", "Amsterdam"),
    "Cision": ("Cision Ltd", "software", "United Kingdom", "London"),
    "Meltwater": ("Meltwater Finland Oy", "software", "Finland", "Helsinki"),
}
VENDOR_COUNTS = {"agency": 50, "production": 45, "media": 18, "venue": 35, "photographer": 30,
                 "staffing": 25, "influencer": 40, "software": 20, "print": 30}
ROOTS = {"Italy": ("Lanterna", "Vela", "Mosaico", "Corallo", "Girasole", "Faro", "Orizzonte",
                   "Cometa", "Ponte", "Libeccio", "Fontana", "Bussola", "Gabbiano", "Ulivo"),
         "Finland": ("Pohjola", "Kide", "Revontuli", "Saimaa", "Kuura", "Tunturi", "Lumo",
                     "Virta", "Kajo", "Hanki", "Aava"),
         "China": ("Huaxin", "Jinghua", "Mingda", "Tianyi", "Hongtu", "Xinyuan", "Ruida",
                   "Longteng", "Jiahe"),
         "United Kingdom": ("Bluebird", "Harbour", "Foxglove", "Kestrel", "Oakridge",
                            "Copperleaf", "Thistle"),
         "United States": ("Northstar", "Silverline", "Brightwater", "Redwood", "Lakeshore",
                           "Granite", "Hudson")}
# vendor category: words for Italian, Finnish, Chinese and English company names
WORDS = {"agency": ("Comunicazione", "Viestintä", "Culture & Media", "Creative"),
         "production": ("Produzioni", "Tuotanto", "Film Production", "Studios"),
         "media": ("Media", "Media", "Advertising", "Media"),
         "venue": ("Centro Congressi", "Kongressikeskus", "Exhibition Center", "Venues"),
         "photographer": ("Foto", "Kuva", "Photography", "Photography"),
         "staffing": ("Staff & Hostess", "Henkilöstöpalvelut", "Event Staffing", "Staffing"),
         "influencer": ("Talent", "Talents", "Influencer Media", "Talent"),
         "software": ("Software", "Software", "Technology", "Labs"),
         "print": ("Arti Grafiche", "Paino", "Printing", "Print")}
LEGAL = {"Italy": ("S.r.l.", "S.p.A.", "S.n.c."), "Finland": ("Oy", "Oy Ab"),
         "China": ("Co., Ltd.",), "United Kingdom": ("Ltd",), "United States": ("LLC", "Inc.")}
LEGAL_FORMS = ("S.r.l.", "S.p.A.", "S.n.c.", "Oy", "Ab", "Ltd", "Ltd.", "LLC", "Inc.", "B.V.",
               "Limited", "Company")
PEOPLE = {"Italy": (("Giulia", "Luca", "Chiara", "Matteo", "Elena", "Davide", "Sofia", "Paolo"),
                    ("Rossi", "Bianchi", "Moretti", "Galli", "Costa", "Fontana", "Greco")),
          "Finland": (("Aino", "Mikko", "Laura", "Juha", "Emilia", "Ville", "Sanna"),
                      ("Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Heikkinen", "Lehtonen")),
          "China": (("Li", "Wang", "Zhang", "Liu", "Chen", "Yang"),
                    ("Mei", "Jun", "Xiaoyu", "Hao", "Lin", "Yan")),
          "United Kingdom": (("Emma", "Oliver", "Amelia", "Harry", "Isla"),
                             ("Smith", "Taylor", "Brown", "Wilson", "Evans")),
          "United States": (("Olivia", "Liam", "Ava", "Noah", "Mia"),
                            ("Johnson", "Miller", "Garcia", "Davis", "Clark"))}
SERVICES = {"agency": "strategia, gestione campagne", "production": "produzione video, post",
            "media": "pianificazione e acquisto media", "venue": "sale, catering, allestimenti",
            "photographer": "servizi fotografici", "staffing": "hostess, promoter, crew",
            "influencer": "contenuti sponsorizzati", "software": "licenze software",
            "print": "stampa offset e digitale"}
MISSING = (("Studio Fotografico Lanterna", "photographer", "Italy"),
           ("Nordic Stage Crew Oy", "staffing", "Finland"),
           ("Allestimenti Faro S.r.l.", "venue", "Italy"),
           ("Hangzhou Bright Print Co., Ltd.", "print", "China"),
           ("Brightline Creative Ltd", "agency", "United Kingdom"))  # in the ledger, not archived
