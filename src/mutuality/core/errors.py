"""The small error hierarchy of Mutuality's core; messages are written for clinicians."""


class MutualityError(Exception):
    """Base of every error the core raises on purpose."""


class InvalidRating(MutualityError):
    """A rating or choice is outside what the measure allows."""


class UnknownConcept(MutualityError):
    """A key does not name anything in the RCT knowledge core."""
