"""Folium maps: standalone HTML files, vendored Leaflet, China-ready tiles."""
