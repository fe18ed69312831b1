"""The default catalog is data (backend/data/catalog.json), loaded into the database."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib.resources import files

from backend.domain.catalog import Catalog, Level, Product
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


def read_catalog() -> Catalog:
    """The catalog shipped with the package (backend/data/catalog.json)."""
    data = json.loads(files("backend").joinpath("data/catalog.json").read_text(encoding="utf-8"))
    return Catalog(tuple(
        Product(p["code"], p["name"], p.get("trial_days"), tuple(
            Level(lv["code"], lv["name"], int(lv["max_licenses"]),
                  {cur: {term: Decimal(v) for term, v in terms.items()}
                   for cur, terms in lv["prices"].items()})
            for lv in p["levels"]))
        for p in data["products"]))


def sync_catalog(uow: SqlAlchemyUnitOfWork, catalog: Catalog | None = None) -> bool:
    """Make the stored catalog equal to the data file; returns whether anything changed."""
    wanted = catalog or read_catalog()
    with uow.for_write():
        if _same(uow.catalog.load(), wanted):
            return False
        uow.catalog.replace(wanted)
        uow.commit()
        return True


def _same(a: Catalog, b: Catalog) -> bool:
    def shape(c: Catalog):
        return [(p.code, p.name, p.trial_days,
                 [(lv.code, lv.name, lv.max_licenses, lv.prices) for lv in p.levels])
                for p in c.products]
    return shape(a) == shape(b)
