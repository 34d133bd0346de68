"""The partner services on SQLite and PostgreSQL: searching in SQL, saving, stale saves,
deleting, contacts by natural key, and the history the detail view shows."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.engine import Database
from app.db.models import Partner, Tier
from app.domain.enums import ContactRole, PartnerStatus, PartnerType
from app.domain.errors import ConflictError, InputError, RefusedError
from app.domain.names import name_key
from app.domain.partner_form import check_partner
from app.services.partners.contacts import (
    add_contact,
    list_contacts,
    save_contact_by_key,
    set_contact_active,
)
from app.services.partners.edit import (
    create_partner,
    delete_partner,
    get_partner,
    save_partner_by_key,
    tier_names,
    update_partner,
)
from app.services.partners.listing import (
    PartnerQuery,
    case_variants,
    count_partners,
    fetch_by_ids,
    fetch_partners,
    filter_choices,
    matching,
    walk_index,
)
from app.services.partners.related import partner_history, partner_training
from tests.support.many_partners import add_many_partners
from tests.support.sample_records import TODAY, add_sample_records


def names(db: Database, query: PartnerQuery, offset: int = 0, limit: int = 50) -> list[str]:
    with db.reading() as s:
        return [r.name for r in fetch_partners(s, query, offset, limit)]


def test_search_filters_sort_and_slices_happen_in_sql(any_db: Database) -> None:
    add_sample_records(any_db)
    add_many_partners(any_db, 300)
    with any_db.reading() as s:
        assert count_partners(s) == 303
        assert count_partners(s, PartnerQuery(text="NORTHWIND")) == 1  # any case
        assert count_partners(s, PartnerQuery(text="p-002")) == 1  # the Partner ID
        assert count_partners(s, PartnerQuery(text="berlin traders")) == 1  # every word
        assert count_partners(s, PartnerQuery(text="100%")) == 0  # % is a letter, not a wildcard
        assert count_partners(s, PartnerQuery(text="P_00")) == 0  # and _ too
        gold = count_partners(s, PartnerQuery(tier="Gold"))
        gold_fr = count_partners(s, PartnerQuery(tier="Gold", country="FR"))
        assert 0 < gold_fr < gold < 303
        choices = filter_choices(s)
    assert {"DE", "FR", "US"} <= set(choices.countries)
    assert "Gold" in choices.tiers and "Ana Ruiz" in choices.account_managers

    with any_db.reading() as s:
        wide = PartnerQuery(text="systems", sort="tier", tier="Gold")
        found = matching(s, wide)
        assert found is not None
        ids = found.ids
        assert len(ids) == count_partners(s, wide) > 0
        assert [r.id for r in fetch_partners(s, wide, 0, None)] == ids
        narrow = wide.with_(text="systems ALPINE")
        assert found.narrowed(narrow.text) == matching(s, narrow)  # in memory, as SQL says
        assert matching(s, wide, limit=len(ids) - 1) is None  # more than asked for
        assert [r.id for r in fetch_by_ids(s, ids[5:0:-1])] == ids[5:0:-1]
    by_name = names(any_db, PartnerQuery(), limit=400)
    assert by_name == sorted(by_name)
    assert names(any_db, PartnerQuery(), 10, 5) == by_name[10:15]
    by_city_desc = PartnerQuery(sort="city", descending=True)
    with any_db.reading() as s:
        cities = [r.city for r in fetch_partners(s, by_city_desc, 0, None)]
        unsorted = [r.city for r in fetch_partners(s, by_city_desc, 0, None, by_index=False)]
    filled = [c for c in cities if c is not None]
    assert filled == sorted(filled, reverse=True) and cities[-1] is None  # empty cities last
    assert unsorted == cities
    status = PartnerQuery(status=PartnerStatus.TERMINATED, type=PartnerType.MSP)
    with any_db.reading() as s:
        rows = fetch_partners(s, status, 0, None)
    assert rows and all(
        r.status is PartnerStatus.TERMINATED and r.type is PartnerType.MSP for r in rows
    )
    north = next(r for r in fetch_rows(any_db, "northwind"))
    assert north.contacts == 1 and north.tier == "Gold"


def fetch_rows(db: Database, text: str) -> list:  # type: ignore[type-arg]
    with db.reading() as s:
        return fetch_partners(s, PartnerQuery(text=text))


def test_letters_beyond_ascii_are_found_in_either_case(any_db: Database) -> None:
    with any_db.transaction() as s:
        create_partner(s, {"name": "Öresund Systems", "city": "Malmö"})
        create_partner(s, {"name": "Élan Réseaux"})
    with any_db.reading() as s:
        for typed in ("öresund", "ÖRESUND", "MALMÖ", "élan", "réseaux"):
            assert count_partners(s, PartnerQuery(text=typed)) == 1, typed
    assert case_variants("Öre") == ["Öre", "öre"]


def test_a_rare_match_scans_instead_of_walking_the_index() -> None:
    assert walk_index(matching=50_000, total=100_000, limit=200)
    assert not walk_index(matching=100, total=100_000, limit=200)
    assert not walk_index(matching=0, total=100_000, limit=200)


def test_fields_are_checked_with_one_message_each() -> None:
    values, errors = check_partner(
        {"name": " ", "email": "nope", "website": "a b", "country": "Atlantis",
         "partner_since": "2026-02-30", "type": "MSP"}
    )  # fmt: skip
    assert set(errors) == {"name", "email", "website", "country", "partner_since"}
    assert errors["name"] == "Name is required"
    assert values["type"] is PartnerType.MSP
    values, errors = check_partner(
        {"name": "Ok", "country": "germany", "partner_since": "1/3/2026"}
    )
    assert not errors and values["country"] == "DE" and values["partner_since"] == date(2026, 3, 1)


def test_a_stale_save_lists_what_the_other_user_changed(any_db: Database) -> None:
    with any_db.transaction() as s:
        pid = create_partner(s, {"name": "Woodgrove", "city": "Oslo", "tier": "Gold"})
    with any_db.reading() as s:
        mine = get_partner(s, pid)
        theirs = get_partner(s, pid)
    with any_db.transaction() as s:
        update_partner(s, theirs, {**theirs.values(), "city": "Bergen"})
    with pytest.raises(ConflictError) as caught, any_db.transaction() as s:
        update_partner(s, mine, {**mine.values(), "email": "hi@woodgrove.example"})
    assert caught.value.changes == {"city": ("Oslo", "Bergen")}
    with any_db.transaction() as s:
        update_partner(s, mine, {**mine.values(), "email": "hi@woodgrove.example"}, overwrite=True)
    with any_db.reading() as s:
        now = get_partner(s, pid)
        history = partner_history(s, pid)
    assert (now.city, now.email, now.tier) == ("Oslo", "hi@woodgrove.example", "Gold")
    assert ("City", "Bergen", "Oslo") in [(h.field, h.old, h.new) for h in history]


def test_deleting_is_refused_while_anything_refers_to_the_partner(any_db: Database) -> None:
    add_sample_records(any_db)
    with any_db.reading() as s:
        north = fetch_partners(s, PartnerQuery(text="Northwind"))[0]
    with pytest.raises(RefusedError, match="Terminated instead"), any_db.transaction() as s:
        delete_partner(s, north.id)
    with any_db.transaction() as s:
        pid = create_partner(s, {"name": "Empty Co"})
    with any_db.transaction() as s:
        assert delete_partner(s, pid) == "Empty Co"
    with any_db.reading() as s:
        assert count_partners(s, PartnerQuery(text="Empty Co")) == 0


def test_contacts_are_saved_by_natural_key_and_deactivated(any_db: Database) -> None:
    add_sample_records(any_db)
    with any_db.transaction() as s:
        pid, created = save_partner_by_key(s, {"name": "Northwind Traders", "country": "DE",
                                               "city": "Hamburg"})  # fmt: skip
    assert not created
    with any_db.transaction() as s:
        first = save_contact_by_key(
            s, "P-001", {"name": "Alice M.", "email": "ALICE@northwind.example"}
        )
        again = save_contact_by_key(s, "Northwind Traders", {"name": "Carol", "role": "Presales"})
    with any_db.reading() as s:
        contacts = {c.name: c for c in list_contacts(s, pid)}
        training = partner_training(s, pid, TODAY)
    assert set(contacts) == {"Alice M.", "Carol"} and contacts["Carol"].id == again
    assert contacts["Alice M."].id == first and contacts["Carol"].role is ContactRole.PRESALES
    assert training and training[0].contact == "Alice M."
    with pytest.raises(InputError, match="already has the e-mail"), any_db.transaction() as s:
        add_contact(s, pid, {"name": "Dup", "email": "alice@northwind.example"})
    with any_db.transaction() as s:
        set_contact_active(s, again, contacts["Carol"].version, False)
    with any_db.reading() as s:
        assert [c.active for c in list_contacts(s, pid)] == [True, False]


def test_a_contact_for_an_unknown_partner_is_refused_in_one_line(sqlite_db: Database) -> None:
    refused = pytest.raises(InputError, match="Partner Nobody is not a known partner")
    with refused, sqlite_db.transaction() as s:
        save_contact_by_key(s, "Nobody", {"name": "Eve"})


def test_names_sort_as_people_read_them_not_by_byte(any_db: Database) -> None:
    names = [
        "Great Lakes IT",
        "Gävle Nätverk",
        "The Gamma Group",
        "gamma labs",
        "Hélios",
        "Hoshino",
    ]
    with any_db.transaction() as s:
        s.add_all(Partner(name=n, name_key=name_key(n)) for n in names)
    by_name = PartnerQuery(sort="name")
    with any_db.reading() as s:
        shown = [r.name for r in fetch_partners(s, by_name, 0, None)]
        backwards = [r.name for r in fetch_partners(s, by_name.with_(descending=True), 0, None)]
    assert shown == [
        "The Gamma Group",  # "the" is not what people look under
        "gamma labs",
        "Gävle Nätverk",  # next to Gavle, not after Great Lakes
        "Great Lakes IT",
        "Hélios",
        "Hoshino",
    ]
    assert backwards == shown[::-1]


def test_tiers_are_offered_by_rank_the_same_in_the_form_and_the_filter(any_db: Database) -> None:
    with any_db.reading() as s:
        before = tier_names(s)
    with any_db.transaction() as s:
        s.add_all([Tier(name="Diamond", rank=100), Tier(name="Copper", rank=-1)])
        s.add(Tier(name="Amber", rank=100))  # the same rank: by name
    with any_db.reading() as s:
        assert tier_names(s) == ["Copper", *before, "Amber", "Diamond"]
        assert filter_choices(s).tiers == tier_names(s)


def test_saving_a_website_typed_another_way_changes_nothing(any_db: Database) -> None:
    with any_db.transaction() as s:
        pid = create_partner(s, {"name": "Bluepeak", "website": "https://www.bluepeak.com"})
    with any_db.reading() as s:
        opened = get_partner(s, pid)
    with any_db.transaction() as s:
        update_partner(s, opened, {**opened.values(), "website": "bluepeak.com"})
    with any_db.reading() as s:
        now = get_partner(s, pid)
    assert (now.website, now.version) == ("https://www.bluepeak.com", opened.version)
    with any_db.transaction() as s:
        update_partner(s, now, {**now.values(), "website": "bluepeak.org"})
    with any_db.reading() as s:
        assert get_partner(s, pid).website == "bluepeak.org"
