"""The one error a report raises for the user to read."""


class ReportError(ValueError):
    """A pack that cannot be made as asked; the message is for the user."""
