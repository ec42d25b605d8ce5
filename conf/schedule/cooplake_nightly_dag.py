"""cooplake — nightly (and weekly maintenance) schedule for Apache Airflow (2.x or 3.x with apache-airflow-providers-apache-spark).

Copy this file into Airflow's dags/ folder. It submits the pipeline with SparkSubmitOperator to the
Spark connection `spark_default` (Admin → Connections: host local[*], spark://host:7077 or yarn),
using the self-contained jar `bin/cooplake` builds (jobs/target/cooplake-jobs-cluster.jar). The night
processed is the run's logical date ({{ ds }}): the batch delivered that day, plus any earlier one
not ingested yet. Catch-up runs missed nights in order; a night run again changes nothing.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

COOPLAKE_HOME = "/opt/cooplake"
JAR = f"{COOPLAKE_HOME}/jobs/target/cooplake-jobs-cluster.jar"
# the configuration the command line would read (warehouse, landing, catalog); see conf/cooplake.conf
ENV = {"COOPLAKE_HOME": COOPLAKE_HOME, "COOPLAKE_CONF": f"{COOPLAKE_HOME}/conf/cooplake.conf"}
SPARK_CONF = {"spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{COOPLAKE_HOME}/conf/log4j2.properties"}

with DAG(
    dag_id="cooplake_nightly",
    description="Beijing international S&T cooperation: landing → bronze → silver → gold",
    schedule="30 2 * * *",
    start_date=datetime(2019, 6, 3),
    catchup=True,
    max_active_runs=1,  # nights in order; cooplake's run lock refuses overlaps anyway
    default_args={"retries": 1, "retry_delay": timedelta(minutes=15)},
    tags=["cooplake"],
) as dag:
    nightly = SparkSubmitOperator(
        task_id="nightly",
        conn_id="spark_default",
        application=JAR,
        java_class="org.cooplake.jobs.Cli",
        application_args=["nightly", "--date", "{{ ds }}"],
        name="cooplake nightly {{ ds }}",
        driver_memory="4g",
        conf=SPARK_CONF,
        env_vars=ENV,
    )


with DAG(
    dag_id="cooplake_maintain",
    description="cooplake: OPTIMIZE small files, VACUUM with the configured retention",
    schedule="0 4 * * 0",  # Sundays 04:00
    start_date=datetime(2019, 6, 3),
    catchup=False,
    max_active_runs=1,
    tags=["cooplake"],
) as maintain_dag:
    SparkSubmitOperator(
        task_id="maintain",
        conn_id="spark_default",
        application=JAR,
        java_class="org.cooplake.jobs.Cli",
        application_args=["maintain"],
        name="cooplake maintain",
        driver_memory="4g",
        conf=SPARK_CONF,
        env_vars=ENV,
    )
