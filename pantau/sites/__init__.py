"""Penataan sites: their rules, fields, actions, history, lists, imports and directives."""
