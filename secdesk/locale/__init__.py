"""The interface's translations (zh_CN catalog) and the msgids of the libraries' own words
(argparse, Textual) marked so the catalog translates them too.

Wing: locale. Must not import anything of secdesk but i18n.
"""
