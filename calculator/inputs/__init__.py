"""Reading what people type: parsers, form fields, widgets and their messages.

Shared by every calculator form; strict and friendly at the boundary only.
"""
