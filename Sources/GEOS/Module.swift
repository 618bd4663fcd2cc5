// GEOS module: see DESIGN.md §2.
