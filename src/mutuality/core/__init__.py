"""Pure-Python clinical core of Mutuality: no Django, no I/O, no clock, no global state."""
