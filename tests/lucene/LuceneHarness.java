// Test harness: runs Lucene on the strings of stdin, one per line: the mode, then the code
// points in hex, space-separated (a surrogate pair given as two code points becomes one
// supplementary character in Java, as in a Python str compared as UTF-16).
// Modes, and what is printed per line:
//   n / p / s  ArabicNormalizer / PersianNormalizer / ArabicStemmer: the UTF-16 units, hex
//   a          ArabicAnalyzer() (default constructor): its tokens, each as '=' and then its
//              UTF-16 units in hex joined by '.', separated by spaces (an empty line: no
//              token; a lone '=': an empty token)
//   t          StandardTokenizer alone: the same, each token followed by ':', its type, '@'
//              and its start and end offsets (in UTF-16 units), e.g. '=61:<ALPHANUM>@0,1'
// `java LuceneHarness stopwords` prints ArabicAnalyzer.getDefaultStopSet(), one word a line
// (as UTF-16 units in hex). `java LuceneHarness bench FILE ROUNDS` times ArabicAnalyzer on
// the documents of FILE (UTF-8, separated by NUL bytes), one tokenStream per document.
// No Lucene code is copied here: it only calls the public API.
// Compiled and run by tests/test_compat_lucene.py against Debian's liblucene8-java.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;
import org.apache.lucene.analysis.fa.PersianNormalizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
public class LuceneHarness {
  static String hex(CharSequence s, int n) {
    StringBuilder o = new StringBuilder();
    for (int i = 0; i < n; i++) { if (i > 0) o.append('.'); o.append(Integer.toHexString(s.charAt(i))); }
    return o.toString();
  }

  static String tokens(TokenStream ts, boolean types) throws IOException {
    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
    TypeAttribute type = ts.addAttribute(TypeAttribute.class);
    OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
    StringBuilder o = new StringBuilder();
    ts.reset();
    while (ts.incrementToken()) {
      if (o.length() > 0) o.append(' ');
      o.append('=').append(hex(term, term.length()));
      if (types) o.append(':').append(type.type()).append('@').append(offset.startOffset()).append(',').append(offset.endOffset());
    }
    ts.end();
    ts.close();
    return o.toString();
  }

  public static void main(String[] a) throws Exception {
    if (a.length > 0 && a[0].equals("stopwords")) {
      PrintWriter w = new PrintWriter(new OutputStreamWriter(System.out, "US-ASCII"));
      for (Object word : ArabicAnalyzer.getDefaultStopSet()) {
        char[] c = (char[]) word;
        w.println(hex(new String(c), c.length));
      }
      w.flush();
      return;
    }
    if (a.length > 0 && a[0].equals("bench")) { bench(a[1], Integer.parseInt(a[2])); return; }
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, "US-ASCII"));
    PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, "US-ASCII")));
    ArabicNormalizer an = new ArabicNormalizer(); PersianNormalizer pn = new PersianNormalizer(); ArabicStemmer st = new ArabicStemmer();
    Analyzer analyzer = new ArabicAnalyzer();
    StandardTokenizer tokenizer = new StandardTokenizer();
    String line;
    while ((line = r.readLine()) != null) {
      String[] f = line.split(" ");
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < f.length; i++) sb.appendCodePoint(Integer.parseInt(f[i], 16));
      String text = sb.toString();
      if (f[0].equals("a")) {
        w.println(tokens(analyzer.tokenStream("f", text), false));
      } else if (f[0].equals("t")) {
        tokenizer.setReader(new StringReader(text));
        w.println(tokens(tokenizer, true));
      } else {
        char[] s = text.toCharArray();
        int n;
        switch (f[0]) {
          case "n": n = an.normalize(s, s.length); break;
          case "p": n = pn.normalize(s, s.length); break;
          default: n = st.stem(s, s.length);
        }
        StringBuilder o = new StringBuilder();
        for (int i = 0; i < n; i++) { if (i > 0) o.append(' '); o.append(Integer.toHexString(s[i])); }
        w.println(o);
      }
      if (!r.ready()) w.flush(); // answer at once when used line by line
    }
    w.flush();
  }

  // The median of ROUNDS timed passes over all documents, after as many untimed passes to
  // let the JIT compile the analyzer. Prints: documents, UTF-8 bytes, tokens, median ms.
  static void bench(String file, int rounds) throws IOException {
    byte[] all = Files.readAllBytes(Paths.get(file));
    String[] docs = new String(all, StandardCharsets.UTF_8).split("\u0000", -1);
    Analyzer analyzer = new ArabicAnalyzer();
    long tokens = 0;
    double[] ms = new double[rounds];
    for (int round = -rounds; round < rounds; round++) {
      long t0 = System.nanoTime();
      long n = 0, chars = 0;
      for (String d : docs) {
        try (TokenStream ts = analyzer.tokenStream("f", d)) {
          CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
          ts.reset();
          while (ts.incrementToken()) { n++; chars += term.length(); }
          ts.end();
        }
      }
      long t1 = System.nanoTime();
      tokens = n;
      if (chars < 0) System.out.print("");
      if (round >= 0) ms[round] = (t1 - t0) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "%d %d %d %.3f%n", docs.length, all.length, tokens, ms[rounds / 2]);
  }
}
