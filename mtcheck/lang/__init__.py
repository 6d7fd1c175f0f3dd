"""Language data: word lists and script tests, kept apart from the checks that use them."""
