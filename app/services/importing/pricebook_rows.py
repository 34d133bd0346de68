"""Checking each sheet of a price-book workbook row by row against the stored book and the plan.

A row goes into the plan only when all of it is good, so ``--skip-invalid`` never writes half a
row (a product without the price its row was for). Counts are per row: a row is *new* when it
adds a price, break or tier, *updated* when it changes one (or its product's name or family),
*unchanged* otherwise.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.importing import values as v
from app.domain.importing.fields import SETTING_FIELDS
from app.domain.importing.report import ImportSummary, Problem, change_text, shown_value
from app.domain.importing.sheet import MappedSheet
from app.domain.money import decimal_places, format_money, format_percent, minor_unit
from app.domain.pricebook_form import (
    break_parsers,
    price_parsers,
    price_problems,
    product_parsers,
    setting_parsers,
    tier_parsers,
)
from app.domain.settings import format_setting
from app.services.importing.common import ImportOptions, parsed_rows, required
from app.services.importing.pricebook_state import Plan, PlannedProduct, StoredBook
from app.services.pricebook.history import IssuedUse

#: The pricing settings as the preview names them.
_LABELS = {field.name: field.label for field in SETTING_FIELDS}


def check_prices(
    sheet: MappedSheet, book: StoredBook, plan: Plan, use: IssuedUse,
    summary: ImportSummary, options: ImportOptions,
) -> None:  # fmt: skip
    """SKU, Name, Family, Currency, List price, Effective from; key SKU + currency + date."""
    parsers = {**product_parsers(), **price_parsers(options.day_first)}  # the dialogs' rules
    first_row: dict[str, int] = {}
    seen: dict[tuple[str, str, date], tuple[int, Decimal]] = {}
    needed = ("sku", "name", "currency", "list_price", "effective_from")
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, needed, sheet, summary.problems):
            continue
        problems: list[Problem] = []

        def problem(
            field: str,
            reason: str,
            at: int = number,
            cells: dict[str, object] = values,
            out: list[Problem] = problems,
        ) -> None:
            shown = shown_value(cells.get(field))
            out.append(Problem(at, sheet.header(field), shown, reason))

        sku, name, currency = str(values["sku"]), str(values["name"]), str(values["currency"])
        effective = values["effective_from"]
        assert isinstance(effective, date)
        amount = values["list_price"]
        assert isinstance(amount, Decimal)
        for field, reason in price_problems(values).items():
            problem(field, reason)
        skey = sku.casefold()
        planned = plan.products.get(skey)
        stored = book.products.get(skey)
        if planned is not None and planned.name != name:
            problem("name", f"differs from row {first_row[skey]} for the same SKU")
        key = (skey, currency, effective)
        if key in seen and seen[key][1] != amount:
            problem(
                "effective_from", f"is given twice for {sku} in {currency} (row {seen[key][0]})"
            )
        stored_amount = book.prices.get(key)
        product_id = stored[0] if stored else None
        if key not in seen and product_id is not None:
            if stored_amount is None:
                blocked = use.blocking_quote_date(product_id, currency, effective)
                if blocked is not None:
                    problem("effective_from", _rewrites(blocked))
            elif stored_amount != amount and use.is_used(product_id, currency, effective):
                problem("list_price", "is a price issued quotes were priced from: add a new "
                        "price with a later Effective from instead of changing it")  # fmt: skip
        family = values.get("family")
        if not problems and planned is not None and family is not None:
            fkey = book.family_key(str(family), plan)
            if planned.family is None:  # the SKU's first row left the family empty
                planned.family, planned.changed = fkey, True
            elif planned.family != fkey:
                problem("family", f"differs from row {first_row[skey]} for the same SKU")
        if problems:
            summary.problems.extend(problems)
            continue
        if key in seen:
            summary.merged += 1
            continue
        seen[key] = (number, amount)
        changed_product = False
        if planned is None:
            new_fkey = book.family_key(str(family), plan) if family is not None else None
            stored_family = book.family_names.get(stored[3] or 0) if stored else None
            old_fkey = stored_family.casefold() if stored_family else None
            planned = PlannedProduct(
                sku=stored[1] if stored else sku, name=name, family=new_fkey or old_fkey,
                id=product_id,
            )  # fmt: skip
            planned.changed = stored is None or stored[2] != name or planned.family != old_fkey
            plan.products[skey] = planned
            first_row[skey] = number
            changed_product = planned.changed and stored is not None
        what = f"{sku} in {currency} from {effective.isoformat()}"
        if stored_amount is None:
            plan.prices[key] = amount
            summary.new += 1
            summary.planned(number, "New", what, f"List price {_price(amount, currency)}")
        elif stored_amount != amount:
            plan.prices[key] = amount
            summary.updated += 1
            old, new = _price(stored_amount, currency), _price(amount, currency)
            summary.planned(number, "Update", what, f"List price: {old} → {new}")
        elif changed_product:
            summary.updated += 1
            summary.planned(number, "Update", what, "Product name or family")
        else:
            summary.unchanged += 1


def _rewrites(day: date) -> str:
    return (
        f"comes before an issued quote of {day.isoformat()} that was priced from the earlier "
        "price: choose a date after it"
    )


def check_volume(
    sheet: MappedSheet, book: StoredBook, plan: Plan, summary: ImportSummary,
    options: ImportOptions,
) -> None:  # fmt: skip
    """SKU or Family, Min quantity, Discount %; a SKU is looked for first, then a family."""
    parsers = break_parsers()  # the volume-break editor's rules
    seen: dict[tuple[str, str, int], tuple[int, Decimal]] = {}
    needed = ("target", "min_qty", "discount_pct")
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, needed, sheet, summary.problems):
            continue
        target, min_qty = str(values["target"]), int(str(values["min_qty"]))
        pct = values["discount_pct"]
        assert isinstance(pct, Decimal)
        folded = target.casefold()
        if folded in plan.products or folded in book.products:
            key = ("sku", folded, min_qty)
        elif folded in book.family_ids or folded in plan.families:
            key = ("family", book.family_key(target, plan), min_qty)
        else:
            summary.problems.append(Problem(number, sheet.header("target"), target,
                                            "is neither a SKU nor a product family of the price "
                                            "book: add it on the Prices sheet first"))  # fmt: skip
            continue
        if key in seen:
            if seen[key][1] == pct:
                summary.merged += 1
            else:
                twice = f"is given twice for {target} (row {seen[key][0]})"
                where = sheet.header("min_qty")
                summary.problems.append(Problem(number, where, str(min_qty), twice))
            continue
        seen[key] = (number, pct)
        what = f"Volume break for {target} from {min_qty}"
        if _count(summary, book.breaks.get(key), pct, number, what):
            plan.breaks[key] = pct


def check_tiers(
    sheet: MappedSheet, book: StoredBook, plan: Plan, summary: ImportSummary,
    options: ImportOptions,
) -> None:  # fmt: skip
    """Tier, Discount %; a tier the database does not know yet is created."""
    parsers = tier_parsers()  # the tier dialog's rules
    seen: dict[str, tuple[int, Decimal]] = {}
    needed = ("tier", "discount_pct")
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if not required(number, values, needed, sheet, summary.problems):
            continue
        name, pct = str(values["tier"]), values["discount_pct"]
        assert isinstance(pct, Decimal)
        key = v.choice_key(name)
        if key in seen:
            if seen[key][1] == pct:
                summary.merged += 1
            else:
                twice = f"is given twice (row {seen[key][0]})"
                summary.problems.append(Problem(number, sheet.header("tier"), name, twice))
            continue
        seen[key] = (number, pct)
        stored = book.tiers.get(key)
        shown = stored[0] if stored else " ".join(name.split())
        if _count(summary, stored[1] if stored else None, pct, number, f"Tier {shown}"):
            plan.tiers[key] = (shown, pct)


def check_settings(
    sheet: MappedSheet, book: StoredBook, plan: Plan, summary: ImportSummary,
    options: ImportOptions,
) -> None:  # fmt: skip
    """One row of pricing settings; an empty cell leaves that setting as it is."""
    parsers = setting_parsers()  # the settings dialog's rules
    first: int | None = None
    for number, values in parsed_rows(sheet, parsers, options, summary.problems):
        if first is not None:
            extra = f"the Settings sheet has one row of values (row {first}): remove this one"
            summary.problems.append(Problem(number, "", "", extra))
            continue
        first = number
        wanted = {k: format_setting(val) for k, val in values.items() if val is not None}
        changes = {
            k: text for k, text in wanted.items()
            if k not in book.settings or Decimal(book.settings[k]) != Decimal(text)
        }  # fmt: skip
        plan.settings.update(changes)
        if changes:
            summary.updated += 1
            before = {k: (book.settings.get(k), text) for k, text in changes.items()}
            summary.planned(number, "Update", "Pricing settings", change_text(before, _LABELS))
        else:
            summary.unchanged += 1


def _count(
    summary: ImportSummary, stored: Decimal | None, new: Decimal, row: int, what: str
) -> bool:
    """Count a row as new, updated or unchanged; True when it has something to write."""
    if stored is not None and stored == new:
        summary.unchanged += 1
        return False
    if stored is None:
        summary.new += 1
        summary.planned(row, "New", what, f"Discount {format_percent(new)}")
    else:
        summary.updated += 1
        shown = f"Discount: {format_percent(stored)} → {format_percent(new)}"
        summary.planned(row, "Update", what, shown)
    return True


def _price(amount: Decimal, currency: str) -> str:
    """A list price as the preview shows it: the currency's decimals, or every decimal it has
    when it has more (a unit price of 0.0125), never rounded."""
    if decimal_places(amount) <= minor_unit(currency):
        return format_money(amount, currency)
    return f"{currency} {amount}"
