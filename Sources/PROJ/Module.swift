// PROJ module: see DESIGN.md §2.
