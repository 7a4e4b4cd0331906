import math
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from roamsec_analysis.tdist import betainc, t_cdf, t_confidence_halfwidth, t_ppf  # noqa: E402


class TQuantileTest(unittest.TestCase):
    # Two-sided critical values from the standard Student-t table (e.g. NIST/
    # SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.2).
    TABLE = [
        (0.975, 1, 12.706), (0.975, 2, 4.303), (0.975, 3, 3.182), (0.975, 4, 2.776),
        (0.975, 5, 2.571), (0.975, 9, 2.262), (0.975, 10, 2.228), (0.975, 20, 2.086),
        (0.975, 30, 2.042), (0.975, 100, 1.984), (0.95, 10, 1.812), (0.95, 1, 6.314),
        (0.995, 5, 4.032), (0.995, 30, 2.750), (0.90, 4, 1.533), (0.999, 10, 4.144),
    ]

    def test_table_values(self):
        for p, df, expected in self.TABLE:
            self.assertAlmostEqual(t_ppf(p, df), expected, delta=6e-4, msg="p=%g df=%d" % (p, df))

    def test_closed_forms(self):
        # df=1 is Cauchy: tan(pi (p - 1/2)); df=2: (2p-1)/sqrt(2p(1-p)).
        for p in (0.6, 0.9, 0.975, 0.999):
            self.assertAlmostEqual(t_ppf(p, 1), math.tan(math.pi * (p - 0.5)), places=8)
            self.assertAlmostEqual(t_ppf(p, 2), (2 * p - 1) / math.sqrt(2 * p * (1 - p)), places=9)

    def test_symmetry_and_median(self):
        self.assertEqual(t_ppf(0.5, 7), 0.0)
        self.assertAlmostEqual(t_ppf(0.025, 7), -t_ppf(0.975, 7), places=12)
        self.assertAlmostEqual(t_ppf(0.975, math.inf), 1.959964, places=5)

    def test_cdf_inverts_ppf(self):
        for df in (1, 3, 12, 57):
            for p in (0.01, 0.3, 0.8, 0.995):
                self.assertAlmostEqual(t_cdf(t_ppf(p, df), df), p, places=10)

    def test_betainc_known(self):
        # I_0.4(2,3) = sum_{j=2..4} C(4,j) 0.4^j 0.6^(4-j) = 0.5248
        self.assertAlmostEqual(betainc(2, 3, 0.4), 0.5248, places=12)
        self.assertAlmostEqual(betainc(1, 1, 0.3), 0.3, places=12)
        self.assertEqual(betainc(2, 2, 0.0), 0.0)
        self.assertEqual(betainc(2, 2, 1.0), 1.0)

    def test_bad_arguments(self):
        for p in (0.0, 1.0, -0.1, 1.5):
            with self.assertRaises(ValueError):
                t_ppf(p, 3)
        with self.assertRaises(ValueError):
            t_ppf(0.9, 0)
        with self.assertRaises(ValueError):
            betainc(0, 1, 0.5)
        with self.assertRaises(ValueError):
            betainc(1, 1, 1.5)

    def test_halfwidth(self):
        self.assertAlmostEqual(t_confidence_halfwidth(10.0, 3), 4.302653 * 10 / math.sqrt(3), places=4)
        self.assertTrue(math.isnan(t_confidence_halfwidth(10.0, 1)))


if __name__ == "__main__":
    unittest.main()
