"""The strategic ambition's pages, one module per page or step: ``detail`` (the page and its
parts), ``areas`` (its intervention areas), ``decisions`` (submit, decide, revise, the decision
register) and ``versions``."""
