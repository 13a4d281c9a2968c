"""The CLI's pieces that need no running server: extra keys, switch flags, the banner."""
import pytest

from dc1sim import cli
from dc1sim import config as cfgmod


def test_extra_keys_split_at_the_last_equals_sign():
    assert cli._extra_keys(["a=b=viewer", "k2=no-audit"]) == {"a=b": "viewer", "k2": "no-audit"}
    assert cli._extra_keys([]) == {}
    with pytest.raises(cfgmod.ConfigError, match="--extra-key: expected KEY=ROLE, got 'nokey'"):
        cli._extra_keys(["nokey"])


def test_only_the_switch_flags_given_are_passed_on():
    a = cli.build_parser().parse_args(["serve", "--page-cap", "5", "--fault", "kind=500"])
    assert cli._switches_of(a) == {"page_cap": ["5"], "faults": ["kind=500"]}
    assert cli._switches_of(cli.build_parser().parse_args(["serve"])) == {}


def test_banner_shows_only_the_credentials_there_are(capsys):
    info = {"base_url": "http://127.0.0.1:1", "api_key": "k", "ca_path": None, "client_cert": None,
            "client_key": None}
    cli._announce(info, {"v": "viewer"})
    assert capsys.readouterr().out.splitlines() == [
        "dc1-sim listening on http://127.0.0.1:1", "API key:  k", "extra key (viewer): v",
        "export DC_BASE=http://127.0.0.1:1 DC_API_TOKEN=k"]
    cli._announce(dict(info, ca_path="/s/ca.pem", client_cert="/s/c.pem", client_key="/s/c.key"), {})
    out = capsys.readouterr().out
    assert "CA:       /s/ca.pem\nclient:   /s/c.pem /s/c.key\n" in out
    assert out.endswith("DC_CA_PATH=/s/ca.pem DC_CLIENT_CERT=/s/c.pem DC_CLIENT_KEY=/s/c.key\n")
