import { Construct } from 'constructs';
import { SecurityGroup, type SecurityGroupEgress, type SecurityGroupIngress } from '@cdktf/provider-aws/lib/security-group/index.js';
import { ADDRESSES as A, type NetworkNames } from '../../src/core/names.js';
import { named, tagsFor } from './tags.js';

export interface SecurityGroupsProps {
  vpcId: string;
  appPort: number;
  dbPort: number;
  names: NetworkNames;
  tags: Record<string, string>;
}

/** The database engine a port usually means, for names and descriptions a user recognises. */
export function databaseEngine(port: number): string {
  if (port === 5432) return 'PostgreSQL';
  if (port === 3306) return 'MySQL';
  return 'database';
}

const ALL_EGRESS: SecurityGroupEgress = { description: 'All traffic', fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'] };

/**
 * The tutorial's three security groups, chained: the internet reaches the ALB on 80/443, only the
 * ALB reaches the app tasks (80 and the app port), only the tasks reach the database.
 */
export class SecurityGroups extends Construct {
  readonly alb: SecurityGroup;
  readonly ecs: SecurityGroup;
  readonly rds: SecurityGroup;

  constructor(scope: Construct, id: string, props: SecurityGroupsProps) {
    super(scope, id);
    const { names, tags } = props;
    this.alb = named(
      new SecurityGroup(this, 'alb', {
        name: names.albSg,
        description: 'Security group for Application Load Balancer',
        vpcId: props.vpcId,
        ingress: [
          { description: 'HTTP from Internet', fromPort: 80, toPort: 80, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] },
          { description: 'HTTPS from Internet', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] },
        ],
        egress: [ALL_EGRESS],
        tags: tagsFor(tags, names.albSg),
      }),
      A.securityGroup('alb'),
    );

    const fromAlb: SecurityGroupIngress[] = [{ description: 'HTTP from ALB', fromPort: 80, toPort: 80, protocol: 'tcp', securityGroups: [this.alb.id] }];
    // An app on port 80 is already covered by the HTTP rule; AWS refuses a duplicate rule.
    if (props.appPort !== 80) {
      fromAlb.push({ description: 'App port from ALB', fromPort: props.appPort, toPort: props.appPort, protocol: 'tcp', securityGroups: [this.alb.id] });
    }
    this.ecs = named(
      new SecurityGroup(this, 'ecs', {
        name: names.ecsSg,
        description: 'Security group for ECS Fargate',
        vpcId: props.vpcId,
        ingress: fromAlb,
        egress: [ALL_EGRESS],
        tags: tagsFor(tags, names.ecsSg),
      }),
      A.securityGroup('ecs'),
    );

    const engine = databaseEngine(props.dbPort);
    this.rds = named(
      new SecurityGroup(this, 'rds', {
        name: names.rdsSg,
        description: `Security group for RDS ${engine}`,
        vpcId: props.vpcId,
        ingress: [
          { description: `${engine === 'database' ? 'Database port' : engine} from ECS`, fromPort: props.dbPort, toPort: props.dbPort, protocol: 'tcp', securityGroups: [this.ecs.id] },
        ],
        egress: [ALL_EGRESS],
        tags: tagsFor(tags, names.rdsSg),
      }),
      A.securityGroup('rds'),
    );
  }
}
