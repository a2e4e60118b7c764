import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REPORTER_IDENTITY_TEXTS, type AuthUser, type Channel } from '@shouhu/shared';
import { VisitsEntry } from '../../children/visits-entry';
import { Call110Button } from '../../components/call-110-button';
import { DemoAccountSwitch } from '../../components/demo-account-switch';
import { OutboxCard } from '../../components/outbox-card';
import { useUnreadCount } from '../../hooks/use-unread-count';
import {
  currentUser,
  ensureSession,
  keepsRegister,
  landsOnChildFiles,
  seesFigures,
} from '../../services/session';
import './index.css';

function openReportForm(channel: Channel) {
  void Taro.navigateTo({ url: `/pages/report/index?channel=${channel}` });
}

const go = (url: string) => void Taro.navigateTo({ url });

/** Staff see a 工作台; reporters see none of it. */
function hasWorkbench(user: AuthUser | null): boolean {
  const roles = user?.roles ?? [];
  return (['handler', 'coordinator', 'hotline_operator'] as const).some((role) =>
    roles.includes(role),
  );
}

/** 消息 (站内消息), with the count of unread messages as a badge. */
function MessagesEntry({ unread }: { unread: number }) {
  return (
    <View
      className="big-button big-button-secondary home-messages"
      onClick={() => go('/pages/messages/index')}
    >
      <Text>消息</Text>
      {unread > 0 && (
        <Text className="home-badge" aria-label={`${unread} 条未读`}>
          {unread > 99 ? '99+' : unread}
        </Text>
      )}
    </View>
  );
}

/** Entries for staff, by role, their messages first; 走访 for the keepers of files. */
function Workbench({ user, unread }: { user: AuthUser | null; unread: number }) {
  const roles = user?.roles ?? [];
  const village = landsOnChildFiles(user);
  const handles = roles.includes('handler') || roles.includes('coordinator');
  const coordinates = roles.includes('coordinator');
  const answersHotline = roles.includes('hotline_operator');
  if (!hasWorkbench(user)) return null;
  return (
    <View className="section home-workbench">
      <Text className="section-title">工作台{user?.unitName ? ` · ${user.unitName}` : ''}</Text>
      <MessagesEntry unread={unread} />
      <View className="choice-row home-links">
        {village && (
          <View
            className="big-button big-button-primary home-children"
            onClick={() => go('/children/index/index')}
          >
            <Text>儿童档案</Text>
          </View>
        )}
        {handles && !village && (
          <View
            className="big-button big-button-primary home-inbox"
            onClick={() => go('/staff/inbox/index')}
          >
            <Text>待办工单</Text>
          </View>
        )}
        {handles && !village && (
          <View
            className="big-button big-button-secondary home-children"
            onClick={() => go('/children/index/index')}
          >
            <Text>儿童档案</Text>
          </View>
        )}
        {answersHotline && (
          <View
            className="big-button big-button-primary home-hotline"
            onClick={() => go('/pages/report/index?channel=hotline')}
          >
            <Text>热线登记</Text>
          </View>
        )}
        {answersHotline && (
          <View
            className="big-button big-button-secondary home-callbacks"
            onClick={() => go('/staff/callbacks/index')}
          >
            <Text>热线回访</Text>
          </View>
        )}
      </View>
      <VisitsEntry />
      {(coordinates || seesFigures(user)) && (
        <View className="choice-row home-links">
          {coordinates && (
            <View
              className="big-button big-button-secondary home-queues"
              onClick={() => go('/staff/queues/index')}
            >
              <Text>协调队列</Text>
            </View>
          )}
          {seesFigures(user) && (
            <View
              className="big-button big-button-secondary home-board"
              onClick={() => go('/board/index')}
            >
              <Text>统计与台账</Text>
            </View>
          )}
          {keepsRegister(user) && (
            <View
              className="big-button big-button-secondary home-register"
              onClick={() => go('/register/index/index')}
            >
              <Text>单位名录</Text>
            </View>
          )}
        </View>
      )}
    </View>
  );
}

export default function IndexPage() {
  const [user, setUser] = useState<AuthUser | null>(() => currentUser());
  // Roles change after binding an invitation, and the first login finishes after the first paint.
  useDidShow(() => void ensureSession().then(() => setUser(currentUser())));
  const unread = useUnreadCount();

  return (
    <View className="page">
      <View className="home-header">
        <Text className="home-title">守护</Text>
        <Text className="hint">发现孩子受到伤害、处境危险、无人照料或失学，请告诉我们。</Text>
      </View>

      <OutboxCard />

      <Workbench user={user} unread={unread} />

      <Call110Button />

      <View className="big-button big-button-primary" onClick={() => openReportForm('mandatory')}>
        <Text>我要报告（强制报告）</Text>
        <Text className="big-button-note">学校、医院、村（居）委会等单位工作人员</Text>
      </View>

      <View className="big-button big-button-secondary" onClick={() => openReportForm('public')}>
        <Text>我要举报/求助</Text>
        <Text className="big-button-note">任何人都可以，可以匿名</Text>
      </View>

      <View className="choice-row home-links">
        <View
          className="big-button big-button-secondary home-track"
          onClick={() => void Taro.navigateTo({ url: '/pages/track/index' })}
        >
          <Text>查询进度</Text>
        </View>
        <View
          className="big-button big-button-secondary home-mine"
          onClick={() => void Taro.navigateTo({ url: '/pages/mine/index' })}
        >
          <Text>我的报告</Text>
        </View>
        {!hasWorkbench(user) && <MessagesEntry unread={unread} />}
      </View>

      <View
        className="big-button big-button-secondary home-12355"
        onClick={() => void Taro.makePhoneCall({ phoneNumber: '12355' }).catch(() => undefined)}
      >
        <Text>心理咨询、法律帮助：拨打12355</Text>
        <Text className="big-button-note">共青团青少年服务台，孩子和家长都可以打</Text>
      </View>

      <View className="section home-why">
        <Text className="section-title">为什么要报告？</Text>
        <Text className="hint">
          孩子受到伤害往往说不出口。法律规定，学校、医院、村（居）委会等单位的工作人员发现孩子受到侵害或面临危险，必须立即报告；其他任何人发现了，也可以报告。
        </Text>
        <Text className="section-title home-subtitle">报告后会怎样？</Text>
        <Text className="hint">
          报告会按情况送到公安、民政、乡镇儿童督导员等部门办理，有时限、有督办。您会得到一个查询码，可以随时查看进度。
        </Text>
        <Text className="section-title home-subtitle">报告人受保护</Text>
        <Text className="hint">可以选择保密或匿名。善意报告不承担责任。</Text>
        <Text className="hint home-confidential">
          {REPORTER_IDENTITY_TEXTS.confidential.explanation}
        </Text>
        <Text className="hint home-anonymous">{REPORTER_IDENTITY_TEXTS.anonymous.explanation}</Text>
      </View>

      <View className="home-footer">
        <Text
          className="link home-bind"
          onClick={() => void Taro.navigateTo({ url: '/pages/bind/index' })}
        >
          单位人员：绑定单位
        </Text>
        <Text
          className="link home-privacy"
          onClick={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}
        >
          隐私说明
        </Text>
      </View>

      <DemoAccountSwitch />
    </View>
  );
}
