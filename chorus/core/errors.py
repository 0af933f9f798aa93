"""The one domain error. Views turn it into form errors, the API into a 4xx with a reason."""


class ChorusError(Exception):
    """A rule of the domain was broken; `code` is stable for clients, `message` is for people."""

    status = 400

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def add_to(self, form) -> None:
        """Show the error on a form: beside its field when the form has one, else above it."""
        form.add_error(self.field if self.field in form.fields else None, self.message)


class ForbiddenError(ChorusError):
    status = 403


class NotFoundError(ChorusError):
    status = 404
