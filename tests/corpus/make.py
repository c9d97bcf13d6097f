"""Writes the edge-case corpus read by tests/ingest_corpus.rs. Run once; the files are committed.

Needs only the standard library, except `workbook.xlsx` (openpyxl), which is skipped when
openpyxl is not installed.
"""
import datetime
import pathlib

here = pathlib.Path(__file__).parent


def w(name, data):
    (here / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


w("quoting.csv", 'id,text,note\n1,"a, b","say ""hi"""\n2,"two\nlines",""\n3,plain,"x,y"\n')
w("empty-fields.csv", "a,b,c\n1,,3\n,,\n4,5,\n")
w("bom.csv", b"\xef\xbb\xbfname,score\nann,9\n")
text = "name,city\nJosé,Zürich\n"
w("utf16le.csv", b"\xff\xfe" + text.encode("utf-16-le"))
w("utf16be.csv", b"\xfe\xff" + text.encode("utf-16-be"))
w("latin1.csv", "name,city\nJosé,Zürich\n".encode("latin-1"))
w("crlf.csv", "a,b\r\n1,2\r\n3,4\r\n")
w("cr.csv", "a,b\r1,2\r3,4\r")
w("semicolon.csv", 'customer;date;amount\nc1;31/01/2024;1.234,50\nc2;15/02/2024;12,5\nc1;01/03/2024;"1.000"\n')
w("tab.tsv", "user\tts\tevent\nu1\t2024-01-01T10:00:00Z\tlogin\n")
w("pipe.txt", "a|b|c\n1|2|3\n")
w("ragged.csv", "a,b,c\n1,2\n1,2,3,4\n5,6,7\n")
w("empty.csv", b"")
w("header-only.csv", "user_id,timestamp,event\n")
w("blank-lines.csv", "a,b\n\n1,2\n\n\n3,4\n")
w("no-header.csv", "10,2024-01-01\n9,2024-01-02\n")
w(
    "amounts.csv",
    "customer,date,amount\n"
    "c1,2024-01-05,\"$1,234.50\"\n"
    "c2,2024-01-06,(12.00)\n"
    "c3,2024-01-07,USD 7\n"
    "c4,2024-01-08,15%\n"
    "c5,2024-01-09,abc\n"
    "c6,2024-01-10,\n",
)
w(
    "events.json",
    '[\n {"user": "u1", "time": "2024-01-01T10:00:00Z", "event": "login", "props": {"a": 1}},\n'
    ' {"user": "u2", "time": "2024-01-01T11:00:00Z", "event": "view", "page": "/home"},\n'
    ' 42,\n'
    ' {"user": "u1", "time": null, "event": "logout"}\n]\n',
)
w(
    "events.ndjson",
    '{"user_id":"u1","timestamp":1704103200,"event":"login"}\n'
    '{"user_id":"u2","timestamp":1704106800,"event":"view","page":"/a"}\n'
    "{not json}\n"
    '{"user_id":"u3","timestamp":1704110400,"event":"view","flag":true}\n',
)

try:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Notes"
    ws.append(["this sheet is not the data"])
    data = wb.create_sheet("Orders")
    data.append(["customer", "order_date", "amount", "paid"])
    data.append(["c1", datetime.datetime(2024, 1, 31, 13, 5), 19.99, True])
    data.append(["c2", datetime.date(2024, 2, 1), 5, False])
    data.append([])
    data.append(["c3", datetime.datetime(2024, 2, 2), "=1/0", True])
    wb.save(here / "workbook.xlsx")
except ImportError:
    print("openpyxl not installed: workbook.xlsx not written")
