"""The messy Italian spend ledger a marketing office really sends, built in code.

A title block above the header, Italian headers, amounts typed as text the Italian way
(`1.234,56`), dates typed as `31/03/2026`, a blank row and a totals row. The bad version has
one amount nobody can read (`circa 2.000`); the fixed version has the number.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

import openpyxl

HEADERS = ["N. fattura", "Fornitore", "Canale", "Piattaforma", "Categoria", "Campagna",
           "Cliente", "Stato", "Imponibile", "Aliquota IVA", "Valuta", "Data fattura",
           "Scadenza", "Data pagamento"]
HEADER_ROW = 4  # under a title, an export line and a blank row
CHANNEL, ACCOUNT, MONTH = "Email", "Northwind Retail", "2026-03"

# (document, vendor, amount as typed, invoice date, due date, paid date)
ROWS = [
    ("FT-2026/0412", "Tipografia Bellini S.r.l.", "1.234,56", "31/03/2026", "30/04/2026",
     "28/04/2026"),
    ("FT-2026/0413", "Tipografia Bellini S.r.l.", "12.500,00", "27/03/2026", "26/04/2026",
     "20/04/2026"),
    ("FT-2026/0419", "Studio Grafico Lanza", "987,65", "16/03/2026", "15/04/2026",
     "10/04/2026"),
]
BAD_DOCUMENT, BAD_AMOUNT = "FT-2026/0413", "circa 2.000"


@dataclass(frozen=True)
class Ledger:
    name: str
    data: bytes
    bad_cell: str | None  # coordinate of the unreadable amount, e.g. "I6"
    total: Decimal  # the net amount the file adds to CHANNEL, ACCOUNT, MONTH


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def italian_ledger(*, bad: bool) -> Ledger:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Fatture marzo"
    sheet.append(["Registro fatture marketing — marzo 2026"])
    sheet.append(["Esportato dal gestionale il 02/04/2026, importi in euro"])
    sheet.append([])
    sheet.append(HEADERS)
    bad_cell = None
    for document, vendor, amount, invoiced, due, paid in ROWS:
        if bad and document == BAD_DOCUMENT:
            amount = BAD_AMOUNT
        sheet.append([document, vendor, CHANNEL, None, "Print", None, ACCOUNT, "pagata",
                      amount, "22%", "EUR", invoiced, due, paid])
        if amount == BAD_AMOUNT:
            bad_cell = f"I{sheet.max_row}"
    total = sum((_amount(r[2]) for r in ROWS), Decimal(0))
    sheet.append([])
    sheet.append(["Totale", None, None, None, None, None, None, None,
                  f"{total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")])
    out = io.BytesIO()
    book.save(out)
    name = "fatture_marzo_2026" + ("" if bad else "_corretto") + ".xlsx"
    return Ledger(name, out.getvalue(), bad_cell, total)
