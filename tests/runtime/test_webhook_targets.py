"""Webhook targets on their own: which addresses are public, how URLs are pinned and redacted."""

from __future__ import annotations

import ipaddress

import pytest

from aios.runtime.webhook_targets import Target, UnsafeTarget, check, public, redact


@pytest.mark.parametrize("text", ["127.0.0.1", "10.1.2.3", "172.31.0.1", "192.168.0.1", "169.254.169.254", "0.0.0.0",
                                  "100.64.0.1", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "fe80::1", "fd00::1",
                                  "224.0.0.1", "ff02::1", "192.0.2.1", "198.18.0.1"])
def test_internal_and_reserved_addresses_are_not_public(text: str) -> None:
    assert not public(ipaddress.ip_address(text))


@pytest.mark.parametrize("text", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_global_addresses_are_public(text: str) -> None:
    assert public(ipaddress.ip_address(text))


@pytest.mark.parametrize("url", ["http://0x7f000001/", "http://2130706433/", "http://0177.0.0.1/", "http://127.1/",
                                 "http://localhost/", "ftp://example.com/", "http:///nohost", "http://[::1]:99999/"])
def test_numeric_spellings_names_and_bad_urls_are_refused(url: str) -> None:
    with pytest.raises(UnsafeTarget):
        check(url)


def test_an_allowed_network_admits_its_addresses_only() -> None:
    assert check("http://127.0.0.1:8080/x", ["127.0.0.0/8"]).address == ipaddress.ip_address("127.0.0.1")
    with pytest.raises(UnsafeTarget):
        check("http://10.0.0.1/", ["127.0.0.0/8"])


def test_a_target_is_pinned_to_its_address_and_keeps_its_host_name() -> None:
    target = Target("https://hooks.example:8443/in?x=1", "hooks.example", ipaddress.ip_address("2001:db8::7"))
    assert target.pinned_url() == "https://[2001:db8::7]:8443/in?x=1"
    assert target.host_header() == "hooks.example:8443"


def test_credentials_and_query_values_are_redacted() -> None:
    assert redact("https://u:p@h.example:444/p?token=s&x=") == "https://***@h.example:444/p?token=***&x=***"
    assert redact("https://h.example/p#frag") == "https://h.example/p"
