"""The professional ambition's forms: ``frameworks`` (a framework's sections and its status
row) and ``actions`` (an action, its milestones, indicators and measurements)."""
