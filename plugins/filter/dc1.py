# -*- coding: utf-8 -*-
# Copyright: digicert.one contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters over DigiCert ONE objects; the logic lives in plugin_utils/_users_by_account.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleFilterError

from ansible_collections.digicert.one.plugins.plugin_utils._users_by_account import users_by_account as _users_by_account


def users_by_account(users, accounts):
    if not isinstance(users, list) or not isinstance(accounts, list):
        raise AnsibleFilterError("users_by_account expects a list of users and a list of accounts")
    return _users_by_account(users, accounts)


class FilterModule(object):
    def filters(self):
        return {"users_by_account": users_by_account}
