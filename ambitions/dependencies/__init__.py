"""Dependencies between specialties (issue 26, item 4): asked, answered, followed up."""
