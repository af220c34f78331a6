package org.vendorwatch.platform.read;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The service's transaction manager: Spring's JDBC one (what Boot would configure), which rebuilds the
 * documents a transaction invalidated just before it commits ({@link Documents#beforeCommit}), on the
 * transaction's own connection. Every write of the service (mutations, the seed loader, curation)
 * commits through it, jOOQ's transactions included; read-only transactions skip it.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelTransactions {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, ObjectProvider<Documents> documents) {
        return new JdbcTransactionManager(dataSource) {
            @Override
            protected void prepareForCommit(DefaultTransactionStatus status) {
                if (!status.isNewTransaction() || status.isReadOnly() || status.isRollbackOnly()) {
                    return;
                }
                Connection c = DataSourceUtils.getConnection(getDataSourceOrFail());
                try {
                    documents.getObject().beforeCommit(c);
                } catch (SQLException e) {
                    // the commit fails and the transaction rolls back: a write never leaves a stale document
                    throw new TransactionSystemException("Could not rebuild the documents of this write", e);
                }
            }

            private DataSource getDataSourceOrFail() {
                DataSource ds = getDataSource();
                if (ds == null) {
                    throw new IllegalStateException("no data source");
                }
                return ds;
            }
        };
    }
}
