"""The practice admin's pages: people (accounts, roles, two-factor resets), supervision,
the practice's settings, and the state of the audit trail. A practice admin sees no
clinical content: no client names, notes or measures."""
