"""The typed model YAML records validate into; one module per record kind."""
from .common import Contact, Figure, LocalText, Point
from .cost import CostItem, CostSheet
from .district import District
from .industry import ChainSegment, Industry
from .park import Park
from .policy import Policy
from .settings import Settings

__all__ = ["Contact", "CostItem", "CostSheet", "District", "Figure", "Industry", "ChainSegment",
           "LocalText", "Park", "Point", "Policy", "Settings"]
