"""The synthetic demo practice. Every person in it is invented."""
