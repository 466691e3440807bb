"""The intermediate API contract's rules, free of any web framework.

Every Python intermediate project carries this package unchanged: the
framework's views, validators and middleware call it, so each template applies
the same limits, texts and shapes (docs of the contract: README, API section).
It imports nothing of the project.
"""
