"""Binds every .feature file under features/ (pytest-bdd). Each scenario runs once per
driver and language (`--driver`, `--lang`): ids like `test_..._[api-fr]`."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("driver")

scenarios(".")
