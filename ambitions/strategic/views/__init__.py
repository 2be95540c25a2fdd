"""The strategic ambition's pages, one module per page or step: ``detail`` (the page and its
parts), ``areas`` (its intervention areas), ``decisions`` (submit, decide, revise, the decision
register) and ``versions``."""

# The root URLconf (bass/urls.py, being moved by another branch) names the decision register
# here; it is the one name this package hands on, until that import names
# ambitions.strategic.views.decisions itself.
from ambitions.strategic.views.decisions import decision_register

__all__ = ["decision_register"]
