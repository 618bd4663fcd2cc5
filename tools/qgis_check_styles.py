#!/usr/bin/python3
"""Opens a GeoPackage written by nbhd in headless QGIS (not run in CI: it needs Debian's `qgis`
and `python3-qgis`), checks that every layer picked up its default style from `layer_styles`
with the renderer nbhd wrote, and renders the styled layers to a PNG to look at; the other styles of each layer (choropleths of
covered shares and residents) are loaded from their QML and checked too, and the first graduated
one is rendered to *_graduated.png.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 tools/qgis_check_styles.py out/report.gpkg out/report_qgis.png

Expected renderers (report.gpkg): units_* categorized (crosswalk classes) or graduated
(choropleth), gaps_*/pieces_*/slivers_* single symbol with the hatch/fill of the report's maps,
topology_* categorized, assets categorized points. Exits 1 when a layer has no style or the
renderer differs from the one in its QML.
"""
import os
import re
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402


def render(layers, crs, png):
    settings = QgsMapSettings()
    settings.setLayers(layers)
    extent = QgsRectangle()
    for layer in layers:
        extent.combineExtentWith(layer.extent())
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1200, 1000))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(png, "png")
    print(f"rendered {', '.join(l.name() for l in layers)} to {png}")


def main(path, png):
    app = QgsApplication([], False)
    app.initQgis()
    db = sqlite3.connect(path)
    styles = {
        table: re.search(r'renderer-v2 type="(\w+)"', qml).group(1)
        for table, qml in db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault")
    }
    alternatives = list(db.execute(
        "SELECT f_table_name, styleName, styleQML FROM layer_styles WHERE NOT useAsDefault ORDER BY id"))
    tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")]
    failures = 0
    layers = []
    for table in tables:
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        if not layer.isValid():
            print(f"{table}: QGIS cannot open it")
            failures += 1
            continue
        renderer = layer.renderer().type() if layer.renderer() else None
        expected = styles.get(table)
        status = "ok" if renderer == expected else "MISMATCH"
        if renderer != expected:
            failures += 1
        detail = ""
        if renderer == "categorizedSymbol":
            detail = f" on {layer.renderer().classAttribute()}: " + ", ".join(
                f"{c.value() or '(other)'}={c.symbol().color().name()}" for c in layer.renderer().categories())
        elif renderer == "graduatedSymbol":
            detail = f" on {layer.renderer().classAttribute()}: " + ", ".join(
                f"{r.lowerValue():g}-{r.upperValue():g}={r.symbol().color().name()}" for r in layer.renderer().ranges())
        elif renderer == "singleSymbol":
            symbol = layer.renderer().symbol()
            detail = ": " + "+".join(symbol.symbolLayer(i).layerType() for i in range(symbol.symbolLayerCount()))
        print(f"{table}: {layer.featureCount()} features, renderer {renderer} (style says {expected}) {status}{detail}")
        layers.append(layer)
    # The other styles of each layer (QGIS's style menu): loaded from their QML, renderer checked.
    graduated = None
    for table, name, qml in alternatives:
        layer = QgsVectorLayer(f"{path}|layername={table}", f"{table} ({name})", "ogr")
        document = QDomDocument()
        document.setContent(qml)
        message = layer.importNamedStyle(document)
        expected = re.search(r'renderer-v2 type="(\w+)"', qml).group(1)
        renderer = layer.renderer().type()
        if renderer != expected or not message[0]:
            failures += 1
        detail = ""
        if renderer == "graduatedSymbol":
            detail = f" on {layer.renderer().classAttribute()}: " + ", ".join(
                f"{r.lowerValue():g}-{r.upperValue():g}={r.symbol().color().name()}" for r in layer.renderer().ranges())
            if graduated is None and table.startswith("units_wards"):
                graduated = layer
        print(f"{table} style {name}: renderer {renderer} (QML says {expected})"
              f" {'ok' if renderer == expected else 'MISMATCH'}{detail}")
    if graduated is not None:
        render([graduated], graduated.crs(), png.replace(".png", "_graduated.png"))
    # Draw order: assets on top, then gaps and slivers, then units underneath.
    def rank(layer):
        name = layer.name()
        for k, prefix in enumerate(["assets", "slivers", "gaps", "topology", "units", "pieces"]):
            if name.startswith(prefix):
                return k
        return 9
    shown = [l for l in sorted(layers, key=rank) if l.name().startswith(("assets", "gaps_wards", "units_wards"))]
    # One category's gaps and assets, as the report's gap maps show them (all five overlap).
    for layer in shown:
        if layer.name().startswith(("gaps_", "assets")) and layer.name() != "assets_areas":
            layer.setSubsetString("category = 'pharmacy'")
    render(shown, shown[0].crs(), png)
    print(f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    code = main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "report_qgis.png")
    # QGIS 3.22 can crash tearing down its offscreen application (exitQgis with layers alive):
    # leave without the teardown, the checks are done and printed.
    sys.stdout.flush()
    os._exit(code)
