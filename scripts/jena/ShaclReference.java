// The reference SHACL results odlint's engine is tested against (scripts/shacl-reference.mjs).
// Apache Jena's SHACL, run as a plain program so that blank node labels of the data are kept as
// written (the `shacl` command renames them) and each result is one tab-separated line:
// focus node, result path, constraint component, severity, value.
// Usage: java -cp <jena classpath>:. ShaclReference shapes1.ttl [shapes2.ttl…] -- data.nt
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Link;

public class ShaclReference {
  public static void main(String[] args) {
    Graph shapes = GraphFactory.createDefaultGraph();
    Graph data = GraphFactory.createDefaultGraph();
    boolean inData = false;
    for (String f : args) {
      if (f.equals("--")) { inData = true; continue; }
      // Labels as given only for the data: the shapes' anonymous nodes must stay apart across files.
      if (inData) RDFParser.source(f).labelToNode(LabelToNode.createUseLabelAsGiven()).parse(data);
      else RDFParser.source(f).parse(shapes);
    }
    ValidationReport report = ShaclValidator.get().validate(Shapes.parse(shapes), data);
    for (ReportEntry e : report.getEntries()) {
      String path = e.resultPath() == null ? "" : e.resultPath() instanceof P_Link ? ((P_Link) e.resultPath()).getNode().getURI() : e.resultPath().toString();
      System.out.println(term(e.focusNode()) + "\t" + path + "\t" + e.constraint().getComponent().getURI() + "\t" + e.severity().level().getURI() + "\t" + (e.value() == null ? "" : term(e.value())));
    }
  }

  static String term(Node n) {
    if (n.isBlank()) return "_:" + n.getBlankNodeLabel();
    if (n.isURI()) return n.getURI();
    return "\"" + n.getLiteralLexicalForm().replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }
}
