"""The content versions' table: what makes a kept fragment's key change in the same
transaction as the data it shows (``bass.cache``)."""
