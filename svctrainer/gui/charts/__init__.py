"""Progress charts (pyqtgraph). Import these modules only where a chart is drawn:
pyqtgraph and numpy cost about 1.5 s to import, which the login window must not pay."""
