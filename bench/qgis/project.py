#!/usr/bin/python3
"""Writes the QGIS Server project of the bench peer with PyQGIS (bench/run calls it).

usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 project.py OUT.qgs DB_PORT

One PostGIS layer, "projects", over the flat table peer_project (bench/peer-table.sql) read as the
peers' role, published for WFS (1.1 GeoJSON and the OGC API at /wfs3) with 6 decimals, like ours.
"""
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsDataSourceUri, QgsProject,  # noqa: E402
                       QgsVectorLayer, QgsWkbTypes)

out, db_port = sys.argv[1:3]
app = QgsApplication([], False)
app.initQgis()
uri = QgsDataSourceUri()
uri.setConnection("127.0.0.1", db_port, "atlas", "peer", "")
uri.setDataSource("public", "peer_project", "geom", "", "id")
uri.setSrid("4326")
uri.setWkbType(QgsWkbTypes.Point)
# The table's extent and type are known: no full scan to find them when a server process loads the project.
uri.setUseEstimatedMetadata(True)
layer = QgsVectorLayer(uri.uri(False), "projects", "postgres")
if not layer.isValid():
    raise SystemExit("bench/qgis: the layer over peer_project is not valid (database port %s)" % db_port)
project = QgsProject.instance()
project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
project.setTitle("bench")
project.addMapLayer(layer)
project.writeEntry("WFSLayers", "/", [layer.id()])
project.writeEntry("WFSLayersPrecision", "/" + layer.id(), 6)
project.writeEntry("WMSServiceCapabilities", "/", True)
if not project.write(out):
    raise SystemExit("bench/qgis: could not write " + out)
print("bench/qgis: wrote %s (layer %s, %d features)" % (out, layer.id(), layer.featureCount()))
app.exitQgis()
