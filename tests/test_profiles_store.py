"""Import profiles in the store, on both engines: saved by name with owner and sharing,
listed, read, changed and deleted; and who may use, change or delete which."""

from dataclasses import replace

import pytest

from loaders.profiles import Profile, ProfileError
from spendline.uploads import (
    as_stored,
    delete_profile,
    find_profile,
    save_profile,
    saved_profile,
    saved_profiles,
    usable_profiles,
)
from tests.stores import BACKENDS, open_test_store

ADS = Profile("Google Ads", kind="results", headers={"Cost": "platform_spend"},
              constants={"channel": "Paid Search"}, values={"channel": {"Eventi": "Events"}},
              signature=("day", "campaign", "cost"), owner="ann@example.com", shared=False)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    return open_test_store(request, request.param, tmp_path / "test.duckdb")


def test_a_saved_profile_is_read_back_whole(store):
    store.save_profile(as_stored(ADS))
    assert saved_profile(store, "Google Ads") == ADS


def test_profiles_are_listed_by_name(store):
    store.save_profile(as_stored(replace(ADS, name="b")))
    store.save_profile(as_stored(replace(ADS, name="a")))
    assert [p.name for p in saved_profiles(store)] == ["a", "b"]


def test_saving_under_the_same_name_changes_the_profile(store):
    store.save_profile(as_stored(ADS))
    changed = replace(ADS, constants={"channel": "Paid Social"}, shared=True)
    store.save_profile(as_stored(changed))
    assert saved_profile(store, "Google Ads") == changed


def test_a_deleted_profile_is_gone(store):
    store.save_profile(as_stored(ADS))
    store.delete_profile("Google Ads")
    assert (saved_profile(store, "Google Ads"), saved_profiles(store)) == (None, [])


def test_a_user_applies_their_own_and_shared_profiles_only(store):
    store.save_profile(as_stored(replace(ADS, name="mine", owner="bob@example.com")))
    store.save_profile(as_stored(replace(ADS, name="shared", shared=True)))
    store.save_profile(as_stored(replace(ADS, name="private")))
    assert [p.name for p in usable_profiles(store, "bob@example.com")] == ["mine", "shared"]


def test_another_users_private_profile_cannot_be_applied_by_name(store):
    store.save_profile(as_stored(ADS))
    with pytest.raises(ProfileError, match="belongs to another user and is not shared"):
        find_profile(store, "Google Ads", "bob@example.com")


def test_a_name_taken_by_another_user_is_refused(store):
    store.save_profile(as_stored(ADS))
    with pytest.raises(ProfileError, match=r"taken by a profile of ann@example\.com"):
        save_profile(store, replace(ADS, owner=""), "bob@example.com")


def test_save_profile_makes_the_saver_its_owner(store):
    saved = save_profile(store, replace(ADS, owner=""), "bob@example.com")
    assert saved_profile(store, "Google Ads").owner == saved.owner == "bob@example.com"


def test_only_the_owner_or_an_admin_deletes(store):
    store.save_profile(as_stored(ADS))
    with pytest.raises(ProfileError, match="only they can delete it"):
        delete_profile(store, "Google Ads", "bob@example.com")
    delete_profile(store, "Google Ads", "bob@example.com", admin=True)
    assert saved_profiles(store) == []
