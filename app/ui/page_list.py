"""The areas of the window, in the order of the navigation, and where each page's code lives.

The window lists every area (navigation, Go menu, Ctrl+1 and on) at once, but a page's module, and
the services and storage it reads through, are imported only when the page is first shown: the
window paints before any of that is loaded. A test holds these names to the page classes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.page_base import Page


@dataclass(frozen=True)
class PageEntry:
    """One area: what the navigation shows, and the page class that fills it."""

    key: str
    title: str
    icon_name: str
    module: str
    class_name: str
    #: The Go menu's text: the title with its Alt+letter ("&&" for a plain "&").
    menu_text: str

    def page_type(self) -> type[Page]:
        page_type: type[Page] = getattr(importlib.import_module(self.module), self.class_name)
        return page_type


PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "partners", "Partners", "partners", "app.ui.partners.page", "PartnersPage", "&Partners"
    ),
    PageEntry(
        "training", "Training", "training", "app.ui.training.page", "TrainingPage", "&Training"
    ),
    PageEntry(
        "claims",
        "Accounts & Claims",
        "claims",
        "app.ui.claims.page",
        "ClaimsPage",
        "&Accounts && Claims",
    ),
    PageEntry("deals", "Deals", "deals", "app.ui.deals.page", "DealsPage", "&Deals"),
    PageEntry("quotes", "Quotes", "quotes", "app.ui.quotes.page", "QuotesPage", "&Quotes"),
    PageEntry(
        "dashboard",
        "Dashboard",
        "dashboard",
        "app.ui.dashboard.page",
        "DashboardPage",
        "Das&hboard",
    ),
    PageEntry(
        "pricebook",
        "Price book",
        "pricebook",
        "app.ui.pricebook.page",
        "PriceBookPage",
        "Price &book",
    ),
    PageEntry(
        "overlaps",
        "Overlaps",
        "overlaps",
        "app.ui.claims.overlaps_page",
        "OverlapsPage",
        "&Overlaps",
    ),
    PageEntry("mdf", "MDF", "mdf", "app.ui.mdf.page", "MdfPage", "&MDF"),
    PageEntry("leads", "Leads", "leads", "app.ui.leads.page", "LeadsPage", "&Leads"),
    PageEntry("program", "Program", "program", "app.ui.program.page", "ProgramPage", "Pro&gram"),
)
