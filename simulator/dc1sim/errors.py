"""The error a request's own values cause: a leaf module, raised by the store and Trust Lifecycle alike."""


class BadRequest(ValueError):
    """A query the simulator rejects with 400 invalid_request."""
