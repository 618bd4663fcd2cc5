// Layers module: see DESIGN.md §2.
