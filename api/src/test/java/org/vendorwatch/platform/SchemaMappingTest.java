package org.vendorwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.platform.graphql.GraphQlConfiguration.SchemaReportHolder;
import org.vendorwatch.support.IntegrationTest;

/** Every field and argument of the SDL is mapped to code: a new schema field without code fails here. */
@IntegrationTest
class SchemaMappingTest {

    @Autowired
    SchemaReportHolder holder;

    @Test
    void noUnmappedFieldsArgumentsOrTypes() {
        var report = holder.report();
        assertThat(report).as("schema inspection ran").isNotNull();
        assertThat(report.unmappedFields()).as(report.toString()).isEmpty();
        assertThat(report.unmappedArguments()).as(report.toString()).isEmpty();
        assertThat(report.unmappedRegistrations()).as(report.toString()).isEmpty();
        assertThat(report.skippedTypes()).as(report.toString()).isEmpty();
        // with @NullMarked packages: a non-null schema field is never served by a @Nullable Java value,
        // and a nullable schema argument is never bound to a parameter that cannot take null
        assertThat(report.fieldNullnessErrors()).as(report.toString()).isEmpty();
        assertThat(report.argumentNullnessErrors()).as(report.toString()).isEmpty();
    }
}
