package airbytemcp.declarative;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import java.util.Properties;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava whose {@code ==} and {@code !=} are Python's ({@link PyEquality}); every other operator,
 * coercion and parser rule is Jinjava's own. Jinjava builds its expression factory from an {@link
 * ExtendedSyntaxBuilder} and a {@link TruthyTypeConverter}; this one does the same with a parser
 * that swaps only the two equality operators.
 */
final class PyJinjava extends Jinjava {
  private final ExpressionFactory expressions = new PyExpressionFactory();

  PyJinjava(JinjavaConfig config) {
    super(config);
  }

  @Override
  public ExpressionFactory getExpressionFactory() {
    return expressions;
  }

  private static final class PyExpressionFactory extends ExpressionFactoryImpl {
    PyExpressionFactory() {
      super(new Properties(), new TruthyTypeConverter());
    }

    @Override
    protected TreeBuilder createTreeBuilder(Properties properties, Builder.Feature... features) {
      return new PySyntaxBuilder(features);
    }
  }

  private static final class PySyntaxBuilder extends ExtendedSyntaxBuilder {
    private static final long serialVersionUID = 1L;

    PySyntaxBuilder(Builder.Feature... features) {
      super(features);
    }

    @Override
    protected Parser createParser(String expression) {
      return new PyParser(this, expression);
    }
  }

  private static final class PyParser extends ExtendedParser {
    PyParser(Builder builder, String expression) {
      super(builder, expression);
    }

    @Override
    protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
      AstBinary.Operator python =
          operator == AstBinary.EQ
              ? PyEquality.EQ
              : operator == AstBinary.NE ? PyEquality.NE : operator;
      return super.createAstBinary(left, right, python);
    }
  }
}
