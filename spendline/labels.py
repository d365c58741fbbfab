"""Column names and coded values in words, for people: the screen's tables and the Excel
export. The CSV downloads keep the SPEC §5 names (scripts read them), so nothing here
changes a frame; it only says how a name or a code reads.

Pure data and two lookups; a name missing from the table still reads as words
(`rolled_back_by` → "Rolled back by"), never as snake_case.
"""

from __future__ import annotations

# Column names → words. Units go in the label only where the figure alone does not say it.
COLUMNS: dict[str, str] = {
    # SPEC §5 views
    "month": "Month",
    "channel": "Channel",
    "budget": "Budget",
    "forecast": "Forecast",
    "quoted": "Quoted",
    "committed": "Committed",
    "actual": "Actual",
    "paid": "Paid",
    "variance": "Variance",
    "variance_pct": "Variance %",
    "fiscal_year": "Fiscal year",
    "actual_to_date": "Actual to date",
    "current_month_remaining": "Rest of this month",
    "forecast_after": "Forecast after",
    "landing": "Landing",
    "landing_vs_budget": "Landing vs budget",
    "leads": "Leads",
    "opportunities": "Opportunities",
    "customers": "Customers",
    "revenue": "Revenue",
    "cpl": "CPL",
    "cost_per_opportunity": "Cost per opportunity",
    "cac": "CAC",
    "roas": "ROAS",
    "roi": "ROI",
    "lead_to_customer": "Lead to customer",
    "campaign": "Campaign",
    "vendor": "Vendor",
    "vendor_category": "Vendor category",
    "documents": "Documents",
    "unpaid": "Unpaid",
    "bucket": "Bucket",
    "invoices": "Invoices",
    "amount": "Amount",
    "document_id": "Document",
    "amount_base": "Amount (base currency)",
    "required_level": "Approval needed",
    "approval_level": "Approved at",
    "missing_documents": "Missing documents",
    "reason": "Reason",
    "platform": "Platform",
    "platform_spend": "Platform spend",
    "difference": "Difference",
    "impressions": "Impressions",
    "clicks": "Clicks",
    "cpc": "CPC",
    "cpm": "CPM",
    "ctr": "CTR",
    "media_cpl": "Media CPL",
    "media_roas": "Media ROAS",
    "source": "Source",
    "reported_or_ordered": "Reported or ordered",
    "invoiced": "Invoiced",
    "to_accrue": "To accrue",
    # other tables on the pages
    "original_budget": "Original budget",
    "adjustments": "Adjustments",
    "stage": "Stage",
    "amount_documents": "Amount of the documents",
    "invoice_date": "Invoice date",
    "due_date": "Due date",
    "days_overdue": "Days overdue",
    "due_from": "Due from",
    "due_to": "Due to",
    "invoices_month_end": "Invoices at month end",
    "share": "Share of invoices",
    "amount_month_end": "Amount at month end",
    "share_of_amount": "Share of amount",
    "status": "Status",
    "from_platforms": "From platforms",
    "from_orders": "From orders",
    "lines": "Lines",
    "rows": "Rows",
    "approved_by": "Approved by",
    "waiting_for": "Waiting for",
    "category": "Category",
    "vendors": "Vendors",
    "blocked": "Blocked",
    "vendors_used": "Vendors used",
    "last_used": "Last used",
    "po_number": "PO number",
    "document_date": "Document date",
    "currency": "Currency",
    "document_amount": "Amount (document currency)",
    "quote_date": "Quote date",
    "order_date": "Order date",
    "paid_date": "Paid date",
    "has_contract": "Contract",
    "has_invoice": "Invoice",
    "has_receipt": "Receipt",
    "channels": "Channels",
    "account": "Account",
    "revenue_to_date": "Revenue to date",
    "overdue": "Overdue",
    "overdue_invoices": "Overdue invoices",
    "quarter": "Quarter",
    "revenue_change": "Revenue change",
    "customers_change": "Customers change",
    "opportunities_change": "Opportunities change",
    "cac_change": "CAC change",
    "roi_change": "ROI change (pp)",
    "lead_to_customer_change": "Lead to customer change (pp)",
    "level": "Level",
    "budget_line": "Budget line",
    "committed_pct": "Committed % of budget",
    "actual_pct": "Actual % of budget",
    "alert": "Alert",
    "adjustment_id": "Adjustment",
    "requested_at": "Requested at",
    "requested_by": "Requested by",
    "kind": "Kind",
    "from_account": "From account",
    "from_line": "From budget line",
    "from_month": "From month",
    "to_account": "To account",
    "to_line": "To budget line",
    "to_month": "To month",
    "decided_at": "Decided at",
    "decided_by": "Decided by",
    "decided_level": "Decided at level",
    "decision_note": "Decision note",
    "batch_id": "Batch",
    "source_row": "Excel row",
    "uploaded_at": "Uploaded at",
    "uploaded_by": "Uploaded by",
    "file_name": "File",
    "sheet": "Sheet",
    "note": "Note",
    "added": "Added",
    "changed": "Changed",
    "replaced": "Replaced",
    "rolled_back_at": "Rolled back at",
    "rolled_back_by": "Rolled back by",
    "sha256": "SHA-256",
    "version": "Version",
    "amount_net": "Amount (net)",
    "vat_amount": "VAT amount",
    "vat_rate": "VAT rate",
    "paid_amount": "Paid amount",
    "alias": "Alias",
    "change": "Change",
    "status_then": "Status then",
    "status_now": "Status now",
    "amount_then": "Amount then",
    "amount_now": "Amount now",
    "email": "Email",
    "role": "Role",
    "accounts": "Accounts",
    "rate": "Rate",
    "rating": "Rating",
    "services": "Services",
    "city": "City",
    "country": "Country",
    "contact": "Contact",
    "phone": "Phone",
    "website": "Website",
    "notes": "Notes",
    "description": "Description",
    "date": "Date",
}

# Words a fallback label keeps in capitals.
_ACRONYMS = {"cpl": "CPL", "cpc": "CPC", "cpm": "CPM", "ctr": "CTR", "cac": "CAC",
             "roas": "ROAS", "roi": "ROI", "vat": "VAT", "po": "PO", "id": "ID", "fx": "FX",
             "pct": "%", "url": "URL"}

# Values the app itself writes as codes (not names users uploaded), by column → words.
# A code missing here reads as words too (`budget_line` → "Budget line").
CODED_COLUMNS = frozenset({"level", "kind", "source", "stage", "status", "status_then",
                           "status_now", "required_level", "approval_level",
                           "decided_level", "version", "role"})
VALUES: dict[str, str] = {
    "budget_line": "Budget line",
    "fx_rates": "FX rates",
    "not due": "Not due",
}


def column_label(name: str) -> str:
    """A column's name in words: from the table, else its words with the acronyms kept."""
    if name in COLUMNS:
        return COLUMNS[name]
    words = [_ACRONYMS.get(w.lower(), w) for w in str(name).split("_") if w]
    if not words:
        return str(name)
    first = words[0]
    words[0] = first if first.isupper() or first == "%" else first[:1].upper() + first[1:]
    return " ".join(words)


def value_label(column: str, value: object) -> object:
    """A coded value in words (`level` `budget_line` → "Budget line"); anything that is not
    an app code (uploaded names, numbers) comes back unchanged."""
    if column not in CODED_COLUMNS or not isinstance(value, str) or not value:
        return value
    if value in VALUES:
        return VALUES[value]
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
