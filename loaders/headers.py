"""Header aliases in English, Italian, Finnish and Chinese, and sheet kind detection (SPEC §1-2).

A header matches a canonical column of a kind when its normalized form (see
`normalize_header`), or that form without accents, is one of the column's aliases. Matching
is exact: "asiakkaat" (customers) must never be taken for "asiakas" (the client), so there is
no prefix or fuzzy matching. A user's remembered mapping (`extra`) wins over the table.
"""

from __future__ import annotations

import math
import re
import unicodedata

from loaders import date_values, vocab
from loaders.kinds import KINDS

__all__ = [
    "ALIASES",
    "detect_kind",
    "header_currency",
    "header_row_score",
    "is_month_header",
    "kind_scores",
    "label",
    "map_headers",
    "match_header",
    "normalize_header",
]

# -- the alias table -------------------------------------------------------------------------
# Aliases are written as people type them; they go through normalize_header before lookup, so
# "n. documento", "N documento" and "N.documento" are one alias. Chinese is given in simplified
# and traditional forms. The canonical name and its spaced form are added for every column.

# Columns that mean the same in every kind that has them.
_SHARED: dict[str, tuple[str, ...]] = {
    "channel": (
        "channel", "marketing channel", "media channel", "channel name",
        "canale", "canale marketing", "mezzo",
        "kanava", "markkinointikanava", "mediakanava",
        "渠道", "营销渠道", "營銷渠道", "投放渠道", "通路", "行銷通路", "管道",
    ),
    "platform": (
        "platform", "ad platform", "media platform", "publisher",
        "piattaforma", "piattaforma pubblicitaria",
        "alusta", "mainosalusta",
        "平台", "广告平台", "廣告平台", "投放平台", "媒体平台", "媒體平台",
    ),
    "campaign": (
        "campaign", "campaign name",
        "campagna", "nome campagna",
        "kampanja", "kampanjan nimi",
        "活动", "活動", "活动名称", "活動名稱", "广告系列", "廣告系列", "广告活动", "廣告活動",
        "营销活动", "營銷活動", "行銷活動", "推广计划", "推廣計劃",
    ),
    "account": (
        "account", "account name", "client", "client name", "business unit",
        "cliente", "nome cliente", "committente", "unità di business",
        "asiakas", "asiakkaan nimi", "liiketoimintayksikkö",
        "客户", "客戶", "客户名称", "客戶名稱", "事业部", "事業部",
    ),
    "currency": (
        "currency", "currency code", "curr", "ccy",
        "valuta", "divisa", "codice valuta",
        "valuutta", "valuuttakoodi",
        "币种", "幣種", "币别", "幣別", "货币", "貨幣",
    ),
    "category": (
        "category", "cost category", "expense category", "cost type", "expense type",
        "categoria", "categoria di costo", "categoria costo", "categoria spesa", "voce di costo",
        "tipo di costo", "tipologia",
        "kategoria", "kululaji", "kustannuslaji", "kulutyyppi", "menolaji",
        "类别", "類別", "分类", "分類", "费用类别", "費用類別", "费用类型", "費用類型",
        "费用科目", "費用科目", "科目",
    ),
    "vendor": (
        "vendor", "vendor name", "supplier", "supplier name", "payee", "vendor id",
        "supplier id",
        "fornitore", "nome fornitore", "ragione sociale", "beneficiario",
        "toimittaja", "toimittajan nimi", "myyjä", "laskuttaja",
        "供应商", "供應商", "供应商名称", "供應商名稱", "厂商", "廠商",
        "收款方", "收款单位", "收款單位",
    ),
    "status": (
        "status", "state", "stage",
        "stato", "fase",
        "tila", "vaihe",
        "状态", "狀態", "阶段", "階段",
    ),
}

# Columns whose words depend on the kind: 金额 is the budget's amount but a ledger's net
# amount; "asiakkaat" is a count of customers in results only.
_BY_KIND: dict[str, dict[str, tuple[str, ...]]] = {
    "budget": {
        "period": (
            "period", "month", "budget month", "budget period", "quarter", "year",
            "periodo", "mese", "mese di competenza", "competenza", "trimestre", "anno",
            "kuukausi", "kk", "jakso", "kausi", "neljännes", "vuosineljännes", "vuosi",
            "月份", "月", "期间", "期間", "预算期间", "預算期間", "季度", "年份", "年度",
        ),
        "amount": (
            "amount", "budget", "budget amount", "budgeted", "planned", "planned spend",
            "planned amount", "plan", "allocation",
            "importo", "importo budget", "budget previsto", "spesa prevista",
            "spesa pianificata", "stanziamento", "previsto",
            "summa", "määrä", "budjetti", "budjetoitu", "budjettisumma", "suunniteltu",
            "金额", "金額", "预算", "預算", "预算金额", "預算金額", "计划金额", "計劃金額",
        ),
        "version": (
            "version", "scenario", "budget version",
            "versione", "versione budget",
            "versio", "skenaario",
            "版本", "预算版本", "預算版本", "情景", "情境",
        ),
        "budget_line": (
            "budget line", "budget line id", "line", "line id", "budget code", "code",
            "codice", "codice budget", "voce di budget", "voce budget", "riga budget",
            "koodi", "budjettirivi", "budjettikoodi", "rivi",
            "编号", "編號", "编码", "編碼", "预算编号", "預算編號",
        ),
    },
    "spend": {
        "document_id": (
            "document", "document number", "document no", "doc id", "doc no", "doc #",
            "invoice number", "invoice no", "invoice #", "invoice id", "reference", "ref",
            "ref no", "number", "no", "nr",
            "numero", "n", "numero documento", "n. documento", "nr. documento",
            "num. documento", "numero doc", "n. doc", "numero fattura", "n. fattura",
            "nr. fattura", "num. fattura", "fattura n.", "fattura nr.", "n° fattura",
            "nº fattura", "no. fattura",
            "nro", "laskun numero", "laskunumero", "laskun nro", "lasku nro", "tositenumero",
            "tositenro", "tosite", "asiakirjan numero",
            "发票号", "發票號", "发票号码", "發票號碼", "发票编号", "發票編號", "单据号", "單據號",
            "单据编号", "單據編號", "单号", "單號", "凭证号", "憑證號",
        ),
        "amount_net": (
            "amount net", "net amount", "net", "amount", "amount excl vat",
            "amount excluding vat", "net of vat",
            "importo", "importo netto", "netto", "imponibile", "importo imponibile",
            "totale imponibile",
            "summa", "summa (veroton)", "veroton summa", "veroton", "nettosumma",
            "summa (alv 0 %)", "määrä", "veroton määrä",
            "金额", "金額", "净额", "淨額", "净金额", "淨金額", "不含税金额", "不含稅金額",
            "未税金额", "未稅金額", "金额(不含税)", "金額(不含稅)",
        ),
        "vat_amount": (
            "vat", "vat amount", "tax", "tax amount", "sales tax",
            "iva", "importo iva", "imposta", "imposta iva",
            "alv", "alv määrä", "alv:n määrä", "alv summa", "arvonlisävero", "vero",
            "veron määrä",
            "增值税", "增值稅", "增值税额", "增值稅額", "税额", "稅額", "税金", "稅金",
            "税款", "稅款",
        ),
        "vat_rate": (
            "vat rate", "vat %", "vat rate %", "tax rate", "tax %",
            "aliquota", "aliquota iva", "aliquota iva %", "% iva", "iva %",
            "alv %", "alv prosentti", "alv-kanta", "alv-kanta %", "verokanta", "veroprosentti",
            "税率", "稅率", "税率 %", "稅率 %", "增值税率", "增值稅率",
        ),
        "budget_line": (
            "budget line", "budget line id", "budget code",
            "codice budget", "voce di budget", "voce budget", "riga budget",
            "budjettirivi", "budjettikoodi",
            "预算编号", "預算編號", "预算科目", "預算科目",
        ),
        "description": (
            "description", "desc", "details", "item", "memo",
            "descrizione", "causale", "oggetto", "dettaglio",
            "kuvaus", "selite",
            "描述", "说明", "說明", "摘要", "内容", "內容",
        ),
        "po_number": (
            "po", "po number", "po no", "po nr", "po #", "p.o.", "p.o. number", "p.o. no.",
            "p.o. #", "purchase order",
            "purchase order number", "order number", "order no", "order id",
            "numero ordine", "n. ordine", "nr. ordine", "ordine n.", "ordine di acquisto",
            "ordine d'acquisto", "rif. ordine", "riferimento ordine",
            "ostotilaus", "ostotilausnumero", "tilausnumero", "tilauksen numero", "tilaus nro",
            "tilaus",
            "采购订单号", "採購訂單號", "采购订单", "採購訂單", "订单号", "訂單號", "订单编号",
            "訂單編號",
        ),
        "quote_date": (
            "quote date", "quotation date", "estimate date",
            "data preventivo", "data offerta",
            "tarjouspäivä", "tarjouksen päivämäärä",
            "报价日期", "報價日期",
        ),
        "order_date": (
            "order date", "po date", "purchase order date",
            "data ordine", "data ordinazione",
            "tilauspäivä", "tilauspäivämäärä", "tilauksen päivämäärä",
            "订单日期", "訂單日期", "下单日期", "下單日期", "采购日期", "採購日期",
        ),
        "invoice_date": (
            "invoice date", "document date", "issue date", "billing date",
            "data fattura", "data documento", "data emissione",
            "laskun päivämäärä", "laskupäivä", "laskun päiväys", "laskutuspäivä", "tositepäivä",
            "发票日期", "發票日期", "开票日期", "開票日期", "单据日期", "單據日期",
        ),
        "due_date": (
            "due date", "due", "payment due",
            "scadenza", "data scadenza", "scadenza pagamento",
            "eräpäivä", "erääntymispäivä",
            "到期日", "到期日期", "付款期限",
        ),
        "paid_date": (
            "paid date", "payment date", "date paid", "paid on",
            "data pagamento", "pagato il", "data saldo",
            "maksupäivä", "maksupäivämäärä",
            "付款日期", "付款日", "支付日期",
        ),
        "paid_amount": (
            "paid amount", "amount paid", "paid", "paid to date", "payment amount",
            "importo pagato", "pagato", "importo saldato",
            "maksettu summa", "maksettu", "maksettu määrä",
            "已付金额", "已付金額", "付款金额", "付款金額", "已付",
        ),
        "has_contract": (
            "contract", "has contract", "contract signed", "signed contract",
            "contratto", "contratto firmato",
            "sopimus", "sopimus allekirjoitettu",
            "合同", "合約", "已签合同", "已簽合約",
        ),
        "has_invoice": (
            "invoice", "has invoice", "invoice received",
            "fattura", "fattura ricevuta",
            "lasku", "lasku saatu", "lasku vastaanotettu",
            "发票", "發票", "已收发票", "已收發票", "收到发票", "收到發票",
        ),
        "has_receipt": (
            "receipt", "has receipt", "proof of payment",
            "ricevuta", "quietanza",
            "kuitti",
            "收据", "收據",
        ),
        "approved_by": (
            "approved by", "approver",
            "approvato da", "approvatore",
            "hyväksyjä", "hyväksynyt",
            "审批人", "審批人", "批准人", "核准人",
        ),
        "approval_level": (
            "approval level", "approval",
            "livello approvazione", "livello di approvazione",
            "hyväksyntätaso",
            "审批级别", "審批級別", "审批等级", "審批等級", "核准層級",
        ),
    },
    "results": {
        "date": (
            "date", "day", "week", "week start", "week starting", "month", "period",
            "reporting date", "reporting starts", "by day", "start date", "start date in utc",
            "data", "giorno", "settimana", "inizio settimana", "mese", "periodo",
            "päivämäärä", "päivä", "pvm", "viikko", "kuukausi", "jakso",
            "日期", "天", "日", "周", "週", "月份", "时间", "時間", "统计日期", "統計日期",
        ),
        "impressions": (
            "impressions", "impression", "impr.",
            "impressioni",
            "näyttökerrat", "näytöt",
            "展示次数", "展示次數", "展示量", "展现量", "展現量", "曝光", "曝光量", "曝光次数",
            "曝光次數",
        ),
        "clicks": (
            "clicks", "click", "link clicks", "clicks (all)", "clicks (destination)",
            "clic", "clic sul link",
            "klikkaukset", "klikit", "napsautukset", "linkkien klikkaukset",
            "点击", "點擊", "点击次数", "點擊次數", "点击量", "點擊量",
        ),
        "leads": (
            # Meta's "Results" are the campaign's objective: leads for a lead campaign
            "leads", "lead", "leads generated", "conversions", "results",
            "contatti", "contatti generati", "conversioni",
            "liidit", "liidejä", "konversiot",
            "线索", "線索", "销售线索", "銷售線索", "潜在客户", "潛在客戶", "转化", "轉換",
        ),
        "opportunities": (
            "opportunities", "opportunity", "opps",
            "opportunità", "trattative",
            "mahdollisuudet", "myyntimahdollisuudet",
            "商机", "商機", "销售机会", "銷售機會",
        ),
        "customers": (
            "customers", "new customers", "customers won", "deals won", "won deals",
            "clienti", "clienti acquisiti", "nuovi clienti",
            "asiakkaat", "uudet asiakkaat",
            "成交客户", "成交客戶", "新客户", "新客戶", "客户数", "客戶數", "成交",
        ),
        "revenue": (
            "revenue", "sales", "conversion value", "conv. value", "conversions value",
            "all conv. value", "purchases conversion value",
            "website purchases conversion value", "total complete payment",
            "fatturato", "ricavi", "ricavo", "vendite", "valore conversione",
            "liikevaihto", "tuotto", "tuotot", "myynti", "konversioiden arvo",
            "收入", "营收", "營收", "销售额", "銷售額", "转化价值", "轉換價值",
        ),
        "platform_spend": (
            "platform spend", "platform cost", "cost", "costs", "spend", "ad spend",
            "media spend", "amount spent", "spent", "total spent",
            "spesa piattaforma", "costo", "costi", "spesa", "importo speso",
            "spesa pubblicitaria",
            "alustan kulut", "kulut", "kustannus", "kustannukset", "mainoskulut",
            "käytetty summa",
            "平台花费", "平台花費", "花费", "花費", "消耗", "消费", "消費", "费用", "費用",
            "花费金额", "花費金額", "广告花费", "廣告花費",
        ),
    },
    "vendors": {
        "vendor": (
            "name", "company", "company name",
            "nome", "azienda", "denominazione",
            "nimi", "yritys", "yrityksen nimi",
            "名称", "名稱", "公司", "公司名称", "公司名稱",
        ),
        "category": (
            "type", "vendor category", "supplier category", "vendor type",
            "tipo", "categoria fornitore", "tipo fornitore",
            "tyyppi", "toimittajatyyppi",
            "类型", "類型", "供应商类别", "供應商類別",
        ),
        "services": (
            "services", "service",
            "servizi", "servizio",
            "palvelut", "palvelu",
            "服务", "服務", "服务内容", "服務內容",
        ),
        "contact": (
            "contact", "contact person", "contact name",
            "referente", "contatto", "persona di riferimento",
            "yhteyshenkilö",
            "联系人", "聯繫人", "聯絡人",
        ),
        "email": (
            "email", "e-mail", "mail", "email address",
            "posta elettronica", "pec",
            "sähköposti", "s-posti",
            "邮箱", "郵箱", "电子邮件", "電子郵件",
        ),
        "phone": (
            "phone", "telephone", "tel", "mobile", "phone number",
            "telefono", "cellulare",
            "puhelin", "puh", "puhelinnumero",
            "电话", "電話", "手机", "手機", "联系电话", "聯絡電話",
        ),
        "city": (
            "city", "town",
            "città", "comune", "località",
            "kaupunki", "paikkakunta", "kunta",
            "城市", "所在城市",
        ),
        "country": (
            "country", "nation",
            "paese", "nazione",
            "maa",
            "国家", "國家",
        ),
        "website": (
            "website", "web site", "web", "site", "url", "www",
            "sito", "sito web", "sito internet",
            "verkkosivu", "verkkosivut", "kotisivu",
            "网站", "網站", "网址", "網址",
        ),
        "rating": (
            "rating", "score", "stars",
            "valutazione", "voto", "punteggio",
            "arvio", "arvosana", "luokitus",
            "评分", "評分", "评级", "評級", "星级", "星級",
        ),
        "notes": (
            "notes", "note", "comments", "comment", "remarks",
            "annotazioni", "commenti",
            "huomautukset", "huomiot", "lisätiedot", "kommentit",
            "备注", "備註", "备考", "備考",
        ),
    },
    "fx_rates": {
        "month": (
            "month", "period", "date",
            "mese", "periodo", "data",
            "kuukausi", "jakso", "päivämäärä", "pvm",
            "月份", "月", "期间", "期間", "日期",
        ),
        "rate": (
            "rate", "fx rate", "fx", "exchange rate", "conversion rate",
            "tasso", "tasso di cambio", "cambio",
            "valuuttakurssi", "kurssi", "vaihtokurssi",
            "汇率", "匯率", "兑换率", "兌換率",
        ),
    },
}


def _aliases(kind: str, column: str) -> tuple[str, ...]:
    found = (column, column.replace("_", " "), *_SHARED.get(column, ()),
             *_BY_KIND[kind].get(column, ()))
    return tuple(dict.fromkeys(found))


ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    kind.name: {column: _aliases(kind.name, column) for column in kind.names}
    for kind in KINDS.values()
}

_LABELS = {
    "document_id": "Document ID",
    "amount_net": "Amount (net)",
    "vat_amount": "VAT amount",
    "vat_rate": "VAT rate",
    "po_number": "PO number",
    "email": "Email",
    "rate": "FX rate",
    "variance_pct": "Variance %",
    "cpl": "CPL",
    "cac": "CAC",
    "roas": "ROAS",
    "roi": "ROI",
    "amount_base": "Amount (base currency)",
}


def label(canonical: str) -> str:
    """The English display label of a canonical column ("amount_net" -> "Amount (net)")."""
    return _LABELS.get(canonical) or canonical.replace("_", " ").capitalize()


# -- normalization -----------------------------------------------------------------------------
# "#" and "%" are kept as words: "Invoice #" is a number, "Invoice" a yes/no column, and
# "ALV %" a rate where "ALV" is an amount.
_SEPARATORS = re.compile(
    r"[\s_\-/\\.,:;()\[\]{}*!?\"'`|+=<>~^°§&@·•"
    "\u2010\u2011\u2013\u2014"  # hyphens and dashes
    "\u00b4\u2018\u2019\u201c\u201d"  # typographic quotes
    "\u3001\u3002\u3010\u3011\u300a\u300b\u3008\u3009\u300c\u300d\u300e\u300f"
    "\u3014\u3015"  # CJK punctuation and brackets that NFKC leaves alone
    "]+"
)
_SIGNS = re.compile(r"([#%])")
# A trailing currency standing apart as a unit: "Amount (EUR)", "Importo €", "金额(元)".
# "k€" and "万元" change the magnitude, so they stay.
_CURRENCY_UNIT = re.compile(
    r"(?:\s+in)?\s+(?:€|\$|£|¥|元|euro|euros|eur|usd|gbp|chf|sek|nok|dkk|cny|rmb|hkd|twd|ntd"
    r"|jpy|人民币|人民幣)$"
)
# A currency code in brackets at the end is a unit too: "Amount (PLN)", "Spend [USD]";
# written in capitals, so that "Spend (all)" keeps its word.
_BRACKETED_CODE = re.compile(r"\s*[(\[]\s*([A-Za-z]{3})\s*[)\]]\s*$")
_UNIT_CODES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "CNY", "元": "CNY", "euro": "EUR",
               "euros": "EUR", "rmb": "CNY", "ntd": "TWD", "人民币": "CNY", "人民幣": "CNY"}
# Words joined by case ("InvoiceDate", "VendorID", "VATAmount") split where a lower-case
# letter meets a capital, and where an acronym meets a capitalised word.
_CAMEL = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])|(?<=[A-ZÀ-ÖØ-Þ])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
_CJK = "\u2e80-\u9fff\uf900-\ufaff"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


# Characters that make two headers look alike but differ: zero-width marks (pasted from web
# pages and PDFs) are dropped, Cyrillic and Greek letters that look Latin become Latin, so
# "Vеndor" with a Cyrillic е is still the vendor column. Only Latin-looking headers are
# affected: a header that is Cyrillic or Greek text keeps mostly non-Latin letters anyway.
_INVISIBLE_AND_LOOKALIKES = str.maketrans({
    **dict.fromkeys(["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff",
                     "\u00ad"]),
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "ο": "o", "α": "a", "ν": "v", "Ο": "O", "Α": "A", "Β": "B",
    "Ε": "E", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ρ": "P", "Τ": "T", "Χ": "X",
})


def normalize_header(value: object) -> str:
    """A header as it is looked up: NFKC, casefolded, punctuation to spaces, one space between
    words, a trailing currency unit dropped, no spaces between Chinese characters. Accents
    are kept ("päivämäärä"); lookups also try the form without them."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_INVISIBLE_AND_LOOKALIKES)
    text = _bracketed_code(_CAMEL.sub(" ", text))[0].casefold()
    text = _SIGNS.sub(r" \1 ", text)
    text = " ".join(_SEPARATORS.sub(" ", text).split())
    text = _CURRENCY_UNIT.sub("", text)
    return _CJK_GAP.sub("", text)


def _bracketed_code(text: str) -> tuple[str, str | None]:
    """(text without a trailing bracketed ISO currency code, the code)."""
    if ((m := _BRACKETED_CODE.search(text)) and m[1].upper() in vocab.ISO_CURRENCIES
            and (m[1].isupper() or _CURRENCY_UNIT.fullmatch(" " + m[1].casefold()))):
        return text[:m.start()], m[1].upper()
    return text, None


def header_currency(value: object) -> str | None:
    """The currency a header names as its unit ("Amount (EUR)" → EUR, "Importo €" → EUR,
    "Spend [USD]" → USD, "金额(元)" → CNY), or None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text, code = _bracketed_code(unicodedata.normalize("NFKC", str(value)).strip())
    if code:
        return code
    words = " ".join(_SEPARATORS.sub(" ", text.casefold()).split())
    if not (m := _CURRENCY_UNIT.search(words)) or m.start() == 0:
        return None  # a header that is only a currency is not a unit
    unit = m[0].split()[-1]
    return _UNIT_CODES.get(unit) or (unit.upper() if unit.upper() in vocab.ISO_CURRENCIES
                                     else None)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _build_index(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    exact = {normalize_header(a): column for column, aliases in columns.items() for a in aliases}
    plain = {_strip_accents(key): column for key, column in exact.items()}
    return {**plain, **exact}  # a form typed with accents wins over an accent-stripped one


_INDEX: dict[str, dict[str, str]] = {kind: _build_index(cols) for kind, cols in ALIASES.items()}
_ANY_KIND = frozenset(key for index in _INDEX.values() for key in index)


# -- matching ----------------------------------------------------------------------------------
def match_header(header: object, kind: str, extra: dict[str, str] | None = None) -> str | None:
    """The canonical column of `kind` that `header` names, or None.

    `extra` maps user headers to canonical names (a remembered mapping); its keys are
    normalized here, it wins over the alias table, and a key mapped to "" or None keeps the
    header unmapped."""
    key = normalize_header(header)
    if not key:
        return None
    plain = _strip_accents(key)
    if extra:
        user = {normalize_header(k): v for k, v in extra.items()}
        for form in (key, plain):
            if form in user:
                canonical = user[form]
                if not canonical:
                    return None
                if canonical in KINDS[kind].names:
                    return canonical
    index = _INDEX[kind]
    return index.get(key) or index.get(plain)


def map_headers(headers: list, kind: str, extra: dict[str, str] | None = None) -> dict[int, str]:
    """Header position -> canonical column for the headers that match. When two headers name
    the same column the first keeps it and the later one stays unmapped."""
    mapping: dict[int, str] = {}
    for position, header in enumerate(headers):
        canonical = match_header(header, kind, extra)
        if canonical and canonical not in mapping.values():
            mapping[position] = canonical
    return mapping


def header_row_score(cells: list) -> int:
    """How many cells name a column of any kind (to find the header row under a title).
    Month headers are not counted here."""
    keys = [normalize_header(cell) for cell in cells]
    return sum(1 for key in keys if key and (key in _ANY_KIND or _strip_accents(key) in _ANY_KIND))


# -- wide budget months ------------------------------------------------------------------------
def is_month_header(value: object) -> bool:
    """Whether a header names a month, as the columns of a wide budget do (the one reading
    of month headers: loaders.date_values.month_header)."""
    return bool(normalize_header(value)) and date_values.month_header(value) is not None


# -- kind detection ----------------------------------------------------------------------------
WIDE_BUDGET_MIN_MONTHS = 3


def kind_scores(
    headers: list, extra_by_kind: dict[str, dict[str, str]] | None = None
) -> dict[str, float]:
    """Kind -> score. A kind that does not qualify (a required column missing) scores 0.0;
    one that does scores its matched columns minus a fraction (< 1) for the headers left
    unmatched, so more matched columns win and fewer unmatched headers break ties.

    A budget also qualifies in the wide form: `channel` matched and at least three month
    headers, which then stand for `period` and `amount`."""
    extra_by_kind = extra_by_kind or {}
    present = [i for i, header in enumerate(headers) if normalize_header(header)]
    scores: dict[str, float] = {}
    for name, kind in KINDS.items():
        mapping = map_headers(headers, name, extra_by_kind.get(name))
        matched = set(mapping.values())
        unmatched = [i for i in present if i not in mapping]
        qualifies = set(kind.required) <= matched
        if name == "budget" and not qualifies and "channel" in matched:
            months = [i for i in unmatched if is_month_header(headers[i])]
            if len(months) >= WIDE_BUDGET_MIN_MONTHS:
                qualifies = True
                matched |= {"period", "amount"}
                unmatched = [i for i in unmatched if i not in months]
        scores[name] = len(matched) - len(unmatched) / (len(headers) + 1) if qualifies else 0.0
    return scores


def detect_kind(
    headers: list, extra_by_kind: dict[str, dict[str, str]] | None = None
) -> str | None:
    """The kind a sheet with these headers holds (see kind_scores), or None when no kind
    has all its required columns."""
    scores = kind_scores(headers, extra_by_kind)
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] > 0 else None
