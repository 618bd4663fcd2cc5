// GeoJSON module: see DESIGN.md §2.
