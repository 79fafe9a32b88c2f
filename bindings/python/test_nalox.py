"""Tests of the Python binding against the real built libnalox, with real
temporary SQLite files. Run by tests/python.sh (make check)."""
import os
import tempfile
import unittest

import nalox

DATA = os.environ.get("TESTDATA") or os.path.join(os.path.dirname(__file__), "..", "..",
                                                   "tests", "data")


def fixture(path):
    db = nalox.Store(path, create=True)
    for kind in ("products", "sites", "moves"):
        db.import_file(kind, os.path.join(DATA, kind + ".csv"))
    return db


class BindingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "t.db")
        self.db = fixture(self.path)

    def tearDown(self):
        self.db.close()
        self.tmp.cleanup()

    def test_version(self):
        self.assertRegex(nalox.version(), r"^0\.\d+\.\d+$")
        self.assertEqual(nalox.parse_day("1970-01-02"), 1)
        self.assertEqual(nalox.parse_day("2024-02", allow_month=True),
                         nalox.parse_day("2024-02-29"))
        with self.assertRaises(nalox.InvalidArgument):
            nalox.parse_day("2025-02-30")

    def test_stock_and_held(self):
        rows = self.db.stock("2026-05-01", site="T-STORE")
        nyx = [r for r in rows if r["product"] == "NYXOID"][0]
        self.assertEqual(nyx["qty"], 57)
        self.assertIsInstance(nyx["qty"], int)
        held = self.db.held("2026-07-01", holder_kind="officer")
        self.assertEqual([(r["holder_ref"], r["lot"], r["days_left"], r["qty"], r["supplied_by"])
                          for r in held], [("C1001", "NX-A", -1, 1, "T-STN")])

    def test_expiring_grouped(self):
        rows = self.db.expiring("2026-07-01", holder_kind="officer", group="holder")
        self.assertEqual(rows[0]["holder_ref"], "C1001")
        self.assertEqual(rows[0]["expired"], 1)
        total = self.db.expiring("2026-07-01", group="all")[0]
        self.assertEqual(total["kits"], 97)

    def test_bad_import_raises_and_changes_nothing(self):
        before = self.db.moves()
        with self.assertRaises(nalox.InputError) as cm:
            self.db.import_file("moves", os.path.join(DATA, "bad", "negative-qty.csv"))
        self.assertIn("negative-qty.csv:5: field 'qty'", str(cm.exception))
        self.assertEqual(cm.exception.code, -6)
        self.assertEqual(self.db.moves(), before)

    def test_errors(self):
        with self.assertRaises(nalox.StockError):
            self.db.record_move("2026-05-02", "issue", "T-STN", "NYXOID", 500, lot="NX-A",
                                holder_kind="officer", holder_ref="C9")
        with self.assertRaises(nalox.NotFound) as cm:
            self.db.stock("2026-05-01", site="NOWHERE")
        self.assertIn("unknown site 'NOWHERE'", str(cm.exception))

    def test_transaction_rollback(self):
        n = len(self.db.moves())
        with self.assertRaises(RuntimeError):
            with self.db.transaction():
                self.db.record_move("2026-05-02", "issue", "T-STN", "NYXOID", 1, lot="NX-A",
                                    holder_kind="officer", holder_ref="C9")
                self.assertEqual(len(self.db.moves()), n + 1)
                raise RuntimeError("undo")
        self.assertEqual(len(self.db.moves()), n)
        with self.db.transaction():
            move = self.db.record_move("2026-05-02", "issue", "T-STN", "NYXOID", 1,
                                       holder_kind="officer", holder_ref="C9")
        self.assertGreater(move, 0)
        self.assertEqual(len(self.db.moves()), n + 1)

    def test_catalogue_and_close(self):
        self.assertEqual([p["code"] for p in self.db.products()], ["NYXOID", "PRENOXAD"])
        self.assertEqual(self.db.sites()[1]["parent"], "T-POL")
        self.db.close()
        self.db.close()
        with self.assertRaises(nalox.StoreError):
            self.db.stock("2026-05-01")

    def test_open_errors(self):
        with self.assertRaises(nalox.StoreError) as cm:
            nalox.Store(os.path.join(self.tmp.name, "missing.db"))
        self.assertIn("no store at", str(cm.exception))
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "missing.db")))


if __name__ == "__main__":
    unittest.main()
