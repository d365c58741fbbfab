"""Budget adjustment requests: move budget between lines or months, or add to it.

A request names the line and month it takes from (a move) and the line and month it goes to,
an amount in base currency and a reason. Approved, it becomes budget lines of its own (see
spendline/sql/tables/schema.sql, budget_adjustment_rows): -amount where it takes from, +amount where
it goes, so a move leaves the total unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MOVE, ADD = "move", "add"
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
LINE_FIELDS = ("account", "channel", "category", "platform", "campaign", "budget_line")


class AdjustmentError(ValueError):
    """A budget adjustment that cannot be requested or decided; the message is for the user."""


@dataclass(frozen=True)
class BudgetLine:
    """A line of the budget: the dimensions a budget row has (SPEC §2.1)."""

    account: str
    channel: str
    category: str = "Unassigned"
    platform: str | None = None
    campaign: str | None = None
    budget_line: str | None = None

    def label(self) -> str:
        """'AUF-DIS-AGY · Display · Agency fees (Aurora Foods)', or without the code."""
        parts = [p for p in (self.budget_line, self.channel, self.platform, self.category,
                             self.campaign) if p]
        return f"{' · '.join(parts)} ({self.account})"


@dataclass(frozen=True)
class Request:
    kind: str  # MOVE or ADD
    amount: Decimal  # base currency, > 0
    reason: str
    to_line: BudgetLine
    to_month: date
    from_line: BudgetLine | None = None  # MOVE only
    from_month: date | None = None

    def problems(self) -> list[str]:
        """What makes the request invalid, in plain words (empty when it is fine)."""
        out = []
        if self.kind not in (MOVE, ADD):
            out.append(f"an adjustment moves or adds budget, not '{self.kind}'")
        amount = Decimal(self.amount)
        if not amount.is_finite() or amount <= 0:
            out.append("the amount must be above 0")
        elif amount != amount.quantize(Decimal("0.01")):
            out.append("the amount has more than two decimals")
        if not self.reason.strip():
            out.append("give a reason")
        if self.kind == MOVE:
            if self.from_line is None or self.from_month is None:
                out.append("a move needs the line and month it takes budget from")
            elif (self.from_line, _first(self.from_month)) == (self.to_line,
                                                             _first(self.to_month)):
                out.append("a move needs another line or another month to go to")
        elif self.from_line is not None:
            out.append("an addition takes budget from no line")
        return out

    def lines(self) -> list[tuple[BudgetLine, date, Decimal]]:
        """The budget lines approval adds: (line, month, amount)."""
        amount = Decimal(self.amount)
        give = (self.to_line, _first(self.to_month), amount)
        if self.kind == ADD:
            return [give]
        return [(self.from_line, _first(self.from_month), -amount), give]

    def describe(self) -> str:
        """One line for the history: 'move 500.00 from Email Jan 2026 to Email Mar 2026'."""
        to = f"{self.to_line.label()} {self.to_month:%b %Y}"
        if self.kind == ADD:
            return f"add {Decimal(self.amount):,.2f} to {to}: {self.reason}"
        return (f"move {Decimal(self.amount):,.2f} from {self.from_line.label()} "
                f"{self.from_month:%b %Y} to {to}: {self.reason}")


def _first(day: date) -> date:
    return day.replace(day=1)
