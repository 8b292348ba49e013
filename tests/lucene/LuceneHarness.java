// Test harness: runs Lucene's ArabicNormalizer ("n"), PersianNormalizer ("p") and
// ArabicStemmer ("s") on the strings of stdin, one per line: the mode, then the code points
// in hex, space-separated. Prints, per line, the resulting UTF-16 units in hex.
// No Lucene code is copied here: it only calls the public API.
// Compiled and run by tests/test_compat_lucene.py against Debian's liblucene8-java.
import java.io.*;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;
import org.apache.lucene.analysis.fa.PersianNormalizer;
public class LuceneHarness {
  public static void main(String[] a) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, "US-ASCII"));
    PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, "US-ASCII")));
    ArabicNormalizer an = new ArabicNormalizer(); PersianNormalizer pn = new PersianNormalizer(); ArabicStemmer st = new ArabicStemmer();
    String line;
    while ((line = r.readLine()) != null) {
      String[] f = line.split(" ");
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < f.length; i++) sb.appendCodePoint(Integer.parseInt(f[i], 16));
      char[] s = sb.toString().toCharArray();
      int n;
      switch (f[0]) {
        case "n": n = an.normalize(s, s.length); break;
        case "p": n = pn.normalize(s, s.length); break;
        default: n = st.stem(s, s.length);
      }
      StringBuilder o = new StringBuilder();
      for (int i = 0; i < n; i++) { if (i > 0) o.append(' '); o.append(Integer.toHexString(s[i])); }
      w.println(o);
      if (!r.ready()) w.flush(); // answer at once when used line by line
    }
    w.flush();
  }
}
