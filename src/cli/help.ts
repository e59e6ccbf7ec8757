/** The --help text: the command-line contract, as users script against it. */
export const HELP = `net-wizard [command] [options]

Builds the network of a web app on AWS (VPC, subnets, security groups ALB -> app -> database,
NAT Gateways only where they pay, optional network ACLs) with CDKTF and terraform.

Commands
  (none)      the interactive wizard; needs a terminal (TTY). Without one it behaves like
              \`apply\`, and every answer must come from options or --config
  synth       write the Terraform project into the workdir (cdk.tf.json; with --hcl also HCL);
              runs no terraform
  plan        synth, terraform init and plan; print the change summary; changes nothing
  apply       synth, init, plan, apply, read the outputs, verify
  verify      verify live AWS state against what the workdir says was applied
  outputs     print the terraform outputs of the workdir
  destroy     destroy what the workdir applied; then name anything still tagged for the
              network that the state never listed, with the command that deletes it
  nat-check   the NAT-necessity questionnaire alone: recommendation and monthly cost;
              touches neither AWS nor terraform

Options (each answer of the wizard has one)
  --project <name>      project name: lowercase letters, digits, hyphens
  --env <name>          environment: dev, stg, prod, or another short slug  (default dev)
  --region <region>     AWS region                       (default ap-northeast-1)
  --azs <list>          AZ names or their letters, comma-separated: a,c  (default: two of the region)
  --vpc-cidr <cidr>     VPC CIDR; subnets are carved from it (default 10.0.0.0/16)
  --app-port <n>        container port behind the ALB    (default 3000)
  --db-port <n>         database port                    (default 5432, PostgreSQL)
  --nat <mode>          auto | none | single | per-az    (default auto: decided from --needs)
  --needs <list>        outbound needs, comma-separated, for the NAT decision; e.g.
                        ecr-pull, external-api, logs, package-download, ssm  ('none' for none);
                        also dns, vpc-internal, secrets, s3
  --tasks-subnet <where> private | public: where the app tasks run  (default private)
  --priority <what>     cost | availability (survive an AZ outage)  (default: availability
                        for prod, cost otherwise)
  --traffic-gb <n>      GB a month through NAT or endpoints, for the cost estimate  (default 20)
  --tasks <n>           tasks running at once, for the cost of public IPs  (default 2)
  --nacl <mode>         default | custom                 (default: default)
  --endpoint <url>      send every AWS call (terraform and verification) to a local AWS emulator
                        (LocalStack, moto) at this URL, with dummy credentials
  --workdir <dir>       the Terraform project and its state (default .net-wizard/<project>-<env>)
  --state-bucket <name> keep the state in this S3 bucket instead of the workdir, so that a team
                        and CI share it: encrypted, S3 native locking (use_lockfile, no DynamoDB);
                        the bucket must exist; needs terraform 1.10 or newer
                        (default: the state stays in the workdir)
  --state-key <key>     the state's key in the bucket  (default net-wizard/<project>-<env>/terraform.tfstate)
  --state-region <r>    the bucket's region  (default: --region)
  --config <file>       read answers from a JSON file (the wizard offers to save one)
  --yes                 no confirmation prompts
  --json                one JSON document on stdout; progress and logs go to stderr
  --plain               line-by-line prompts and progress, no full-screen UI
  --hcl                 synth also writes the configuration as HCL (hcl/main.tf in the workdir)
  --terraform <path>    the terraform (or tofu) binary    (default: terraform, then tofu, on PATH)
  --plugin-dir <dir>    provider plugin directory for terraform init, for machines without
                        internet (also NET_WIZARD_PLUGIN_DIR; a CLI config file with a provider
                        mirror, TF_CLI_CONFIG_FILE, is honoured as terraform does)
  --no-color            no colour (also NO_COLOR)
  -h, --help / -V, --version

The workdir
  verify, outputs and destroy act on the network recorded in the workdir. They accept the
  answer options it was applied with (so the apply line can be reused with another verb); an
  option whose value differs from the recorded one is refused with exit 2, naming the recorded
  value. A workdir is bound to the account (STS), region and endpoint it was applied to: a run
  aimed elsewhere is refused with exit 2 before terraform runs. Until an apply goes through, a
  new project waits in <workdir>/next/. One run at a time: a second one exits 1 (workdir busy),
  naming who holds it. A folder that is not empty and holds no net-wizard record is refused.

State lock
  plan, apply and destroy wait up to 10s for a state lock another run holds
  (NET_WIZARD_LOCK_TIMEOUT, e.g. 0s, 30s, 5m), then exit 1 naming who holds it and the
  terraform force-unlock command; net-wizard never releases a lock by itself, and never moves
  a state: when the options put it elsewhere, it says how (terraform init -migrate-state)

Exit codes
  0    success
  1    runtime failure (terraform or AWS error); state is kept and a rerun continues
  2    invalid input or usage; nothing was run, nothing was written
  3    verification failed (the network is not what was asked for)
  130  interrupted (Ctrl-C); 143 SIGTERM; 129 SIGHUP: terraform was stopped gracefully and
       state is kept (with no terraform running, nothing was changed)
`;
