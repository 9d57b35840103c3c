"""The thumbnail grid: a lazily paged model (``model``), the tile painter (``delegate``) and the
view that scrolls, selects and opens (``view``)."""
